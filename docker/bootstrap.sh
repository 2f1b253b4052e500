#!/usr/bin/env bash
# Faultline bootstrap: a Docker engine, a base image made from Debian packages, and the
# images the harness starts (faultline/rabbitmq, faultline/postgres, faultline/agent, ...).
#
#   docker/bootstrap.sh            engine + base + every image under docker/images/
#   docker/bootstrap.sh engine     only make sure a Docker engine answers
#   docker/bootstrap.sh base       the engine and the base image (what a team's own Dockerfiles start FROM)
#   docker/bootstrap.sh images [NAME...]   the engine, the base and every image (or only the named ones, with parents)
#   docker/bootstrap.sh chromium   Debian's chromium, which the report tests render report.html in
#
# Idempotent: a second run with everything present takes seconds. Images are rebuilt only
# when their inputs (the files of docker/images/<name>/ and the jars they copy) changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
state_dir="${FAULTLINE_STATE_DIR:-$root/.faultline}"
mkdir -p "$state_dir"
export DOCKER_BUILDKIT=0   # the legacy builder needs no buildx plugin and no registry

say() { printf 'faultline-bootstrap: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND... : poll a condition against a deadline
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

close_inherited_fds() { # the engine outlives us: it must not hold our caller's files or locks (flock, pipes)
  local fd
  for fd in /proc/self/fd/*; do
    fd="${fd##*/}"
    case "$fd" in 0|1|2) ;; *) eval "exec $fd>&-" 2>/dev/null || true ;; esac
  done
}

ensure_engine() {
  if docker info >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" != 0 ] || [ ! -f /etc/debian_version ]; then
    die "no Docker engine answers ('docker info' failed) and this is not root on Debian: start Docker, then run this again"
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    say "installing docker.io from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >"$state_dir/apt.log" 2>&1 || die "apt-get update failed, see $state_dir/apt.log"
    apt-get install -y -qq --no-install-recommends docker.io iptables ca-certificates >>"$state_dir/apt.log" 2>&1 \
      || die "apt-get install docker.io failed, see $state_dir/apt.log"
  fi
  exec 3>&2 # the polls' own output is silenced, not what they say
  wait_for 90 "dockerd" engine_answers_or_start || die "dockerd did not answer within 90 s, see $state_dir/dockerd.log"
  say "Docker engine ready: $(docker version --format '{{.Server.Version}}' 2>/dev/null)"
}

# One poll of the engine: true when it answers; else starts dockerd unless a live one is on its way up. A killed
# dockerd can linger as a zombie (nothing reaps it in some containers) or while it exits: it does not count.
# --userland-proxy=false: published ports are reached through the kernel's NAT, not a docker-proxy process per port.
# That proxy accepts every connection at once and dials the container only when it is next scheduled: on a busy
# 2-core host it held requests 10-30 ms, so a restarted agent's return looked 10-30 ms vaguer than it was, and its
# refusals looked like answers on their way (accuracy benchmark, 2026-12-05). An engine already running is used as
# it is.
engine_answers_or_start() {
  docker info >/dev/null 2>&1 && return 0
  if ! pgrep -x -r R,S,D,T dockerd >/dev/null 2>&1; then
    say "starting dockerd (log: $state_dir/dockerd.log)" 2>&3
    rm -f /var/run/docker.pid
    ( close_inherited_fds; exec setsid nohup dockerd --userland-proxy=false >>"$state_dir/dockerd.log" 2>&1 </dev/null ) &
  fi
  return 1
}

ensure_base() {
  local base=faultline/base:bookworm
  if docker image inspect "$base" >/dev/null 2>&1; then return 0; fi
  if docker image inspect debian:bookworm >/dev/null 2>&1; then
    docker tag debian:bookworm "$base"; return 0
  fi
  if [ "${FAULTLINE_PULL_BASE:-0}" = 1 ] && timeout 60 docker pull debian:bookworm >/dev/null 2>&1; then
    docker tag debian:bookworm "$base"; return 0
  fi
  say "making $base from Debian packages (debootstrap --variant=minbase bookworm)"
  if ! command -v debootstrap >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq debootstrap >>"$state_dir/apt.log" 2>&1 || {
      apt-get update -qq >>"$state_dir/apt.log" 2>&1; apt-get install -y -qq debootstrap >>"$state_dir/apt.log" 2>&1; } \
      || die "cannot install debootstrap, see $state_dir/apt.log"
  fi
  local mirror="${FAULTLINE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  local rootfs; rootfs="$(mktemp -d /tmp/faultline-rootfs.XXXXXX)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$state_dir/debootstrap.log" 2>&1 \
    || { rm -rf "$rootfs"; die "debootstrap failed, see $state_dir/debootstrap.log"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' \
    - "$base" >/dev/null || { rm -rf "$rootfs"; die "docker import of the base image failed"; }
  rm -rf "$rootfs"
}

inputs_hash() { # hash of every file in the image's folder (plus the jars its build copies) and its parent's
  local dir=$1 parent=$2
  local parent_inputs=""
  if [ -n "$parent" ]; then
    parent_inputs="$(docker image inspect --format '{{ index .Config.Labels "dev.faultline.inputs" }}' "faultline/$parent:latest")"
  fi
  { ( cd "$dir" && find . -type f -print0 | sort -z | xargs -0 sha256sum ); echo "parent $parent_inputs"; } \
    | sha256sum | cut -c1-16
}

parent_image() { # the docker/images/<name> this image is built FROM, if any (FROM faultline/<name>)
  local parent
  parent="$(sed -n 's|^FROM faultline/\([a-z0-9-]*\).*|\1|p' "$1/Dockerfile" | head -n 1)"
  if [ -n "$parent" ] && [ -f "$here/images/$parent/Dockerfile" ]; then echo "$parent"; fi
}

declare -A built=()
build_image() {
  local name=$1 dir="$here/images/$1"
  local tag="faultline/$name:latest"
  [ -z "${built[$name]:-}" ] || return 0
  local parent; parent="$(parent_image "$dir")"
  if [ -n "$parent" ]; then build_image "$parent"; fi
  built[$name]=1
  if [ -x "$dir/prepare.sh" ]; then "$dir/prepare.sh" "$root"; fi
  local want; want="$(inputs_hash "$dir" "$parent")"
  local have; have="$(docker image inspect --format '{{ index .Config.Labels "dev.faultline.inputs" }}' "$tag" 2>/dev/null || true)"
  if [ "$have" = "$want" ]; then return 0; fi
  say "building $tag"
  local started=$SECONDS
  docker build -q --label "dev.faultline.inputs=$want" --label dev.faultline.image=true \
    -t "$tag" "$dir" >"$state_dir/build-$name.log" 2>&1 || { tail -n 30 "$state_dir/build-$name.log" >&2; die "building $tag failed, see $state_dir/build-$name.log"; }
  say "built $tag in $((SECONDS - started)) s"
}

ensure_images() {
  ensure_base
  local dir name
  if [ $# -gt 0 ]; then
    for name in "$@"; do
      [ -f "$here/images/$name/Dockerfile" ] || die "no image '$name' (expected one of: $(ls "$here/images" | tr '\n' ' '))"
      build_image "$name"
    done
    return 0
  fi
  for dir in "$here"/images/*/; do
    [ -f "$dir/Dockerfile" ] || continue
    build_image "$(basename "$dir")"
  done
}

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" != 0 ] || [ ! -f /etc/debian_version ]; then
    die "no 'chromium' on PATH and this is not root on Debian: install Chromium, then run this again"
  fi
  say "installing chromium from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$state_dir/apt.log" 2>&1 || die "apt-get update failed, see $state_dir/apt.log"
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >>"$state_dir/apt.log" 2>&1 \
    || die "apt-get install chromium failed, see $state_dir/apt.log"
}

case "${1:-all}" in
  engine) ensure_engine ;;
  base) ensure_engine; ensure_base ;;
  chromium) ensure_chromium ;;
  all) ensure_engine; ensure_images ;;
  images) shift; ensure_engine; ensure_images "$@" ;;
  *) die "unknown command '$1' (expected: engine, base, images, chromium or all)" ;;
esac
