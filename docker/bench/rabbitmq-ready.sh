#!/usr/bin/env bash
# How long faultline/rabbitmq takes from `docker run` to ready, the way the harness waits for it: the broker listens
# on 5672 inside the container (Testcontainers' HostPortWaitStrategy, what TopologyRuntime uses for a service with
# ports and no health endpoint) and its published port answers on 127.0.0.1. Started like the engine starts it: on
# a network of its own, host name and alias faultline-upstream-rabbitmq (a fault proxy in front), port published on
# 127.0.0.1. Prints each run (ready, and when the broker's log reached its milestones), then the medians.
# It starts containers: on a shared engine run it under the lock that guards it, e.g.
#   flock /tmp/faultline-docker.lock docker/bench/rabbitmq-ready.sh [--runs N] [--image IMAGE]
# Measured 2026-12-02 on the shared 2-CPU host (load 2-6), 7 runs of each image taken in turns, median ready:
# 7.2 s with Debian's 71 plugin applications and a first boot per container, 5.8 s with only the broker's 20 and
# the database made at build time (the broker's own boot, container start to listening: 6.5 s -> 4.7 s).
set -euo pipefail

runs=5 image=faultline/rabbitmq:latest
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "rabbitmq-ready.sh: unknown option '$1' (expected --runs N or --image IMAGE)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "rabbitmq-ready.sh: --runs expects a positive number, found '$runs'" >&2; exit 2; }
docker image inspect "$image" >/dev/null 2>&1 || { echo "rabbitmq-ready.sh: no image $image (docker/bootstrap.sh images rabbitmq)" >&2; exit 2; }

name="rabbitmq-ready-bench-$$"
container=""
cleanup() {
  [[ -z "$container" ]] || docker rm -f "$container" >/dev/null 2>&1 || true
  docker network rm "$name" >/dev/null 2>&1 || true
}
trap cleanup EXIT
docker network create "$name" >/dev/null

now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", (b - a) * 1000 }'; }
epoch() { date -d "$1" +%s.%N; } # an RFC 3339 time (Docker's) as seconds
listens_inside() { # Testcontainers' internal port check: one exec that polls inside the container every 100 ms
  timeout 120 docker exec "$container" /bin/sh -c \
    "while true; do grep -qi ':0*1628' /proc/net/tcp* 2>/dev/null && exit 0; sleep 0.1; done" >/dev/null 2>&1
}
answers_outside() {
  local port
  port="$(docker port "$container" 5672/tcp 2>/dev/null | head -n 1 | sed 's/.*://')"
  [[ -n "$port" ]] && timeout 1 bash -c "</dev/tcp/127.0.0.1/$port" 2>/dev/null
}
log_at() { # log_at PATTERN: when the container's log first matched, in ms after the container started
  local line tries=0
  until line="$(docker logs -t "$container" 2>&1 | grep -m 1 -- "$1")" || (( ++tries > 20 )); do
    sleep 0.1 # Docker's copy of the log can trail the broker by a moment
  done
  [[ -n "$line" ]] && ms "$started" "$(epoch "${line%% *}")" || echo "-"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

printf '%-4s %9s %9s %11s %9s %9s %9s\n' run ready_ms start_ms first_log_ms db_dir_ms pre_boot listen_ms
declare -a ready_all=() first_all=() dbdir_all=() preboot_all=() listen_all=()
for ((i = 1; i <= runs; i++)); do
  t0="$(now)"
  container="$(docker run -d --network "$name" --network-alias faultline-upstream-rabbitmq \
    --hostname faultline-upstream-rabbitmq -p 127.0.0.1::5672 "$image")"
  listens_inside || { echo "run $i: not listening on 5672 within 120 s" >&2; docker logs --tail 20 "$container" >&2; exit 1; }
  deadline=$((SECONDS + 10))
  until answers_outside; do
    (( SECONDS < deadline )) || { echo "run $i: 127.0.0.1's published port did not answer within 10 s" >&2; exit 1; }
    sleep 0.1
  done
  t1="$(now)"
  started="$(epoch "$(docker inspect -f '{{.State.StartedAt}}' "$container")")"
  ready=$(ms "$t0" "$t1") start=$(ms "$t0" "$started")
  first=$(log_at ' \[') dbdir=$(log_at 'database dir') preboot=$(log_at 'boot step pre_boot') listen=$(log_at 'started TCP listener')
  printf '%-4s %9s %9s %11s %9s %9s %9s\n' "$i" "$ready" "$start" "$first" "$dbdir" "$preboot" "$listen"
  ready_all+=("$ready") first_all+=("$first") dbdir_all+=("$dbdir") preboot_all+=("$preboot") listen_all+=("$listen")
  docker rm -f "$container" >/dev/null
  container=""
done
printf '%-4s %9s %9s %11s %9s %9s %9s\n' median "$(printf '%s\n' "${ready_all[@]}" | median)" "" \
  "$(printf '%s\n' "${first_all[@]}" | grep -v '^-$' | median)" "$(printf '%s\n' "${dbdir_all[@]}" | grep -v '^-$' | median)" \
  "$(printf '%s\n' "${preboot_all[@]}" | grep -v '^-$' | median)" "$(printf '%s\n' "${listen_all[@]}" | grep -v '^-$' | median)"
echo "image $image ($(docker image inspect -f '{{.Id}}' "$image" | cut -c8-19)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
