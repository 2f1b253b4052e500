#!/usr/bin/env bash
# Self-test of faultline-stress (docker/images/stress/stress.c) inside a real container: every subcommand, its
# effect seen from outside (the container's own cgroup on the host, Docker's stats, /proc/P/limits), its release,
# and how long each took. Run it under the shared Docker lock, after `docker/bootstrap.sh images stress`:
#
#   flock /tmp/faultline-docker.lock bash docker/images/stress/selftest.sh [CONTAINER FDS_CONTAINER]
#
# With no containers named it starts (and removes) its own: CONTAINER is faultline/postgres with --cpus 1
# --memory 256m and a 32 MiB tmpfs at /data (cpu, memory, disk, release); FDS_CONTAINER is faultline/base with a
# root and a nobody process and a 96m limit (fds: with no free descriptor left, postgres rightly crashes, so not
# there; last, memory with no end OOM-kills its PID 1, which ends it).
# Named containers need the same limits, a tmpfs at $DISK_PATH (default /data), sh, cat and pg_isready.
# Exit status: 0 if every check passed, 1 otherwise.
set -euo pipefail

TAG=selftest
DISK_PATH="${DISK_PATH:-/data}"
BIN="/tmp/.faultline-$TAG/stress"
MIB=$((1024 * 1024))

work="$(mktemp -d /tmp/faultline-stress-selftest.XXXXXX)"
own=()
cleanup() {
  if [ ${#own[@]} -gt 0 ]; then docker rm -f "${own[@]}" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
timings=()
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# ---------------------------------------------------------------- the container and the binary

if [ $# -ge 2 ]; then
  ctr=$1 fds_ctr=$2
else
  ctr="faultline-stress-selftest-$$" fds_ctr="faultline-stress-selftest-fds-$$"
  own=("$ctr" "$fds_ctr")
  docker run -d --rm --name "$ctr" --cpus 1 --memory 256m --tmpfs "$DISK_PATH:size=32m" faultline/postgres >/dev/null
  # PID 1 holds 16 MiB: the kernel adds oom_score_adj * (limit in pages / 1000, rounded down) to a process's RSS,
  # so a raised process of almost no RSS (sleep) can still score below the stressor holding the whole limit
  docker run -d --rm --name "$fds_ctr" --memory 96m faultline/base:bookworm \
    sh -c 'x=$(head -c 8000000 /dev/zero | tr "\0" a); sleep infinity' >/dev/null
  docker exec -d -u 65534 "$fds_ctr" sleep infinity
  deadline=$((SECONDS + 30))
  until docker exec "$ctr" pg_isready -q -h 127.0.0.1 >/dev/null 2>&1; do
    (( SECONDS < deadline )) || { echo "selftest: postgres in $ctr did not get ready in 30 s" >&2; exit 1; }
    sleep 0.2
  done
fi
id="$(docker inspect --format '{{.Id}}' "$ctr")"
cg_cpu="/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage"
cg_mem="/sys/fs/cgroup/memory/docker/$id/memory.usage_in_bytes"

tmp="$(docker create faultline/stress)"
mkdir -p "$work/.faultline-$TAG"
docker cp "$tmp:/usr/local/bin/faultline-stress" "$work/.faultline-$TAG/stress" >/dev/null
docker rm "$tmp" >/dev/null
docker cp "$work/.faultline-$TAG" "$ctr:/tmp/" >/dev/null
docker cp "$work/.faultline-$TAG" "$fds_ctr:/tmp/" >/dev/null
echo "selftest: container $ctr, binary $(stat -c %s "$work/.faultline-$TAG/stress") bytes at $BIN"

st() { docker exec -u 0 "$ctr" "$BIN" "$@"; }          # as the harness runs it: as root
st_fds() { docker exec -u 0 "$fds_ctr" "$BIN" "$@"; }
in_ctr() { docker exec -u 0 "$ctr" "$@"; }
# inner CONTAINER ARGS...: runs BIN ARGS in the container under sh and adds took=MS, its own run time without
# docker exec's (~100 ms). BIN goes in through the environment: with it on the sh's command line, release would
# take the sh for one of its own and kill it. (Not for fds, which leaves the sh no descriptor for $(date).)
inner() {
  local c=$1; shift
  docker exec -u 0 -e "FAULTLINE_BIN=$BIN" "$c" \
    sh -c 't0=$(date +%s%N); "$FAULTLINE_BIN" "$@"; rc=$?; echo "took=$(( ($(date +%s%N) - t0) / 1000000 ))"; exit $rc' \
    sh "$@"
}
key() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" | head -n 1; }   # key NAME < key=value lines

# CPU the container used over the next WINDOW ms, in % of one CPU: from its cgroup on the host when there is
# one (cgroup v1, cgroupfs driver), else from `docker stats`.
cpu_percent() {
  local window=${1:-500}
  if [ -r "$cg_cpu" ]; then
    local a b t0 t1
    a=$(cat "$cg_cpu"); t0=$(date +%s%N)
    sleep "$(awk "BEGIN { print $window / 1000 }")"
    b=$(cat "$cg_cpu"); t1=$(date +%s%N)
    echo $(( (b - a) * 100 / (t1 - t0) ))
  else
    docker stats --no-stream --format '{{.CPUPerc}}' "$ctr" | sed 's/\..*//; s/%//'
  fi
}
stats_cpu() { docker stats --no-stream --format '{{.CPUPerc}}' "$ctr" | sed 's/\..*//; s/%//'; }
stats_mem_mib() { # Docker's own figure (usage less inactive file cache), in MiB
  docker stats --no-stream --format '{{.MemUsage}}' "$ctr" | awk '{ v = $1 + 0; if ($1 ~ /GiB/) v *= 1024; else if ($1 ~ /KiB/) v /= 1024; else if ($1 ~ /B$/ && $1 !~ /iB/) v /= 1048576; printf "%d", v }'
}
not() { ! "$@"; }
shown() { grep -v '^took=' <<<"$1" | tr '\n' ' ' | sed 's/ $//'; }   # output for a check's description
between() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }
exit_code() { local rc=0; "$@" >/dev/null 2>&1 || rc=$?; echo $rc; }

# from here on a failing command is a failed check, not the end of the test
set +e

# ---------------------------------------------------------------- usage errors

check "usage: bad TAG exits 2" [ "$(exit_code st cpu BAD 1 1)" = 2 ]
check "usage: TAG of 49 characters exits 2" [ "$(exit_code st cpu "$(printf 'a%.0s' {1..49})" 1 1)" = 2 ]
check "usage: THREADS 0 exits 2" [ "$(exit_code st cpu $TAG 0 1)" = 2 ]
check "usage: SHARE 0 exits 2" [ "$(exit_code st cpu $TAG 1 0)" = 2 ]
check "usage: SHARE 1.5 exits 2" [ "$(exit_code st cpu $TAG 1 1.5)" = 2 ]
check "usage: TARGET_BYTES -1 exits 2" [ "$(exit_code st memory $TAG -1)" = 2 ]
check "usage: relative PATH exits 2" [ "$(exit_code st disk $TAG data 1)" = 2 ]
check "usage: PATH with .. exits 2" [ "$(exit_code st disk $TAG /data/../etc 1)" = 2 ]
check "usage: LEVEL 0 exits 2" [ "$(exit_code st fds $TAG 0)" = 2 ]
check "usage: unknown command exits 2" [ "$(exit_code st nope $TAG)" = 2 ]
check "usage: observe of nothing exits 2" [ "$(exit_code st observe nothing)" = 2 ]

t0=$(date +%s%N); st observe procs $TAG >/dev/null; exec_ms=$(ms "$t0")
timings+=("docker exec of a command that does nothing (observe procs): ${exec_ms} ms")

# ---------------------------------------------------------------- cpu

idle=$(cpu_percent 500)
t0=$(date +%s%N); out=$(inner "$ctr" cpu $TAG 1 1); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("cpu 1 thread share 1 (until pid=): ${inside} ms (${took} ms with docker exec)")
pid=$(key pid <<<"$out")
check "cpu: prints pid=N ($(shown "$out"))" [ -n "$pid" ]
busy=$(cpu_percent 500)
# the host's 2 CPUs are shared (other containers may run): a rise is asserted, the figure reported
check "cpu: the container's CPU rises from ${idle}% to ${busy}% (>= +10) in the first 500 ms" [ "$busy" -ge $((idle + 10)) ]
stats=$(stats_cpu)
check "cpu: docker stats --no-stream shows ${stats}% (>= 10%)" [ "$stats" -ge 10 ]
timings+=("cpu share 1: container CPU ${busy}% in the first 500 ms, docker stats ${stats}% (idle: ${idle}%)")
cmdline=$(in_ctr cat "/proc/$pid/cmdline" | tr '\0' ' ')
check "cpu: the daemon's cmdline ($cmdline) contains /.faultline-$TAG/" grep -q "/.faultline-$TAG/" <<<"$cmdline"
check "cpu: observe procs counts 1" [ "$(st observe procs $TAG)" = "running=1" ]
t0=$(date +%s%N); out=$(inner "$ctr" release $TAG); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("release of cpu: ${inside} ms (${took} ms with docker exec)")
check "cpu: release kills it ($(shown "$out"))" [ "$(key killed <<<"$out")" = 1 ]
after=$(cpu_percent 500)
check "cpu: the container's CPU falls to ${after}% (< 5%) right after release" [ "$after" -lt 5 ]
check "cpu: observe procs counts 0" [ "$(st observe procs $TAG)" = "running=0" ]

out=$(st cpu $TAG 2 0.3)
half=$(cpu_percent 1000)
check "cpu: 2 threads share 0.3 hold the container at ${half}% (10..80%)" between "$half" 10 80
timings+=("cpu 2 threads share 0.3 (60% wanted): container CPU ${half}%")
st release $TAG >/dev/null

# started under another name: it runs again as $BIN, so release and observe still find it by its cmdline
in_ctr cp "$BIN" /tmp/other-name
out=$(docker exec -u 0 "$ctr" /tmp/other-name cpu $TAG 1 0.1)
pid=$(key pid <<<"$out")
cmdline=$(in_ctr cat "/proc/$pid/cmdline" | tr '\0' ' ')
check "cpu: started as /tmp/other-name, its cmdline is ($cmdline)" grep -q "^$BIN cpu" <<<"$cmdline"
check "cpu: release kills the renamed daemon" [ "$(st release $TAG | key killed)" = 1 ]
in_ctr rm -f /tmp/other-name

# ---------------------------------------------------------------- memory

base=$(cat "$cg_mem" 2>/dev/null || echo 0)
oom1=$(in_ctr cat /proc/1/oom_score_adj)
target=$((160 * MIB))
t0=$(date +%s%N); out=$(inner "$ctr" memory $TAG $target); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("memory 160 MiB of 256 MiB (until held=): ${inside} ms (${took} ms with docker exec)")
held=$(key held <<<"$out")
check "memory: prints pid=N held=B with held >= target ($(shown "$out"))" [ "${held:-0}" -ge "$target" ]
check "memory: ready within 1 s (${inside} ms)" [ "$inside" -lt 1000 ]
if [ -r "$cg_mem" ]; then
  usage=$(cat "$cg_mem")
  # less a little: processes that ended since (this test's docker exec) gave back theirs; the next top-up follows
  check "memory: the container's cgroup usage is $((usage / MIB)) MiB (>= 156)" [ "$usage" -ge $((target - 4 * MIB)) ]
fi
mib=$(stats_mem_mib)
check "memory: docker stats shows ${mib} MiB (>= 155)" [ "$mib" -ge 155 ]
raised=$(st observe oom $TAG | key raised)
check "memory: every other process's oom_score_adj raised (observe oom: raised=$raised)" [ "$raised" -ge 2 ]
check "memory: pid 1's oom_score_adj is 1000" [ "$(in_ctr cat /proc/1/oom_score_adj)" = 1000 ]
ready_usage=$(cat "$cg_mem" 2>/dev/null || echo 0)
sleep 0.5
check "memory: held, not grown, half a second later" [ "$(cat "$cg_mem" 2>/dev/null || echo 0)" -lt $((ready_usage + 8 * MIB)) ]
t0=$(date +%s%N); out=$(inner "$ctr" release $TAG); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("release of memory: ${inside} ms (${took} ms with docker exec)")
check "memory: release kills it and restores every oom_score_adj ($(shown "$out"))" \
  [ "$(key killed <<<"$out") $(key restored-oom <<<"$out")" = "1 $raised" ]
t0=$(date +%s%N)
until [ "$(cat "$cg_mem" 2>/dev/null || echo 0)" -lt $((base + 16 * MIB)) ] || [ "$(ms "$t0")" -gt 3000 ]; do sleep 0.01; done
freed=$(ms "$t0")
timings+=("memory back to the base after release returned: ${freed} ms")
check "memory: usage back to the base within 1 s of release (${freed} ms)" [ "$freed" -lt 1000 ]
check "memory: observe oom counts 0 after release" [ "$(st observe oom $TAG)" = "raised=0" ]
check "memory: pid 1's oom_score_adj is back to $oom1" [ "$(in_ctr cat /proc/1/oom_score_adj)" = "$oom1" ]

# a target above the limit: held just below the limit, reported in time, nothing OOM-killed
procs_before=$(in_ctr sh -c 'ls -d /proc/[0-9]* | wc -l')
t0=$(date +%s%N); out=$(inner "$ctr" memory $TAG $((400 * MIB))); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("memory 400 MiB with a 256 MiB limit (until held=): ${inside} ms (${took} ms with docker exec)")
held=$(key held <<<"$out")
check "memory: above the limit, held=$((held / MIB)) MiB (200..256) in ${inside} ms" \
  between "$((held / MIB))" 200 256
check "memory: above the limit, reported within 1 s" [ "$inside" -lt 1000 ]
sleep 0.5
check "memory: above the limit, postgres still answers" in_ctr pg_isready -q -h 127.0.0.1
check "memory: above the limit, no process was OOM-killed" \
  [ "$(in_ctr sh -c 'ls -d /proc/[0-9]* | wc -l')" -ge "$procs_before" ]
st release $TAG >/dev/null

# ---------------------------------------------------------------- disk

obs=$(st observe disk "$DISK_PATH")
size=$(key size <<<"$obs")
check "disk: observe disk sees the 32 MiB tmpfs ($obs)" [ "$size" = $((32 * MIB)) ]
t0=$(date +%s%N); out=$(inner "$ctr" disk $TAG "$DISK_PATH" 0); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("disk fill of 32 MiB tmpfs to ENOSPC: ${inside} ms (${took} ms with docker exec)")
filled=$(key filled <<<"$out")
obs=$(st observe disk "$DISK_PATH")
check "disk: BYTES 0 fills to ENOSPC ($(shown "$out"); then $obs)" [ "$(key avail <<<"$obs")" = 0 ]
check "disk: filled is nearly the whole tmpfs" [ "$filled" -ge $((31 * MIB)) ]
check "disk: writing into the full tmpfs fails (ENOSPC)" not in_ctr sh -c "echo x 2>/dev/null > $DISK_PATH/probe"
in_ctr rm -f "$DISK_PATH/probe"
t0=$(date +%s%N); out=$(inner "$ctr" release $TAG); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("release of disk: ${inside} ms (${took} ms with docker exec)")
obs=$(st observe disk "$DISK_PATH")
check "disk: release removes the file ($(shown "$out"))" [ "$(key removed <<<"$out")" = 1 ]
check "disk: all free again ($obs)" [ "$(key avail <<<"$obs")" -ge $((31 * MIB)) ]
out=$(st disk $TAG "$DISK_PATH" $((8 * MIB)))
check "disk: BYTES 8 MiB fills exactly that ($(shown "$out"))" [ "$out" = "filled=$((8 * MIB))" ]
check "disk: a second fill with the tag replaces the file" [ "$(st disk $TAG "$DISK_PATH" $((4 * MIB)))" = "filled=$((4 * MIB))" ]
st release $TAG >/dev/null
in_ctr sh -c "echo keep > /tmp/victim && ln -s /tmp/victim $DISK_PATH/.faultline-fill-$TAG"
check "disk: refuses a symlink in place of the fill file (exit 1)" [ "$(exit_code st disk $TAG "$DISK_PATH" 1024)" = 1 ]
check "disk: the symlink's target is untouched" [ "$(in_ctr cat /tmp/victim)" = keep ]
check "disk: release leaves a symlink alone" [ "$(st release $TAG 2>/dev/null | key removed)" = 0 ]
in_ctr rm -f "$DISK_PATH/.faultline-fill-$TAG" /tmp/victim
check "disk: no fill file left" [ -z "$(in_ctr ls -A "$DISK_PATH")" ]

# ---------------------------------------------------------------- fds (in FDS_CONTAINER)

limits() { docker exec "$fds_ctr" cat "/proc/$1/limits" | awk '/Max open files/ { print $4 }'; }   # the soft limit
victim=$(docker exec "$fds_ctr" sh -c 'for p in /proc/[0-9]*; do [ "$(stat -c %u $p)" = 65534 ] && basename $p; done' | head -n 1)
obs=$(st_fds observe fds)
line=$(grep "^pid=$victim " <<<"$obs" || true)
soft=$(key soft <<<"$line"); free=$(key lowest-free <<<"$line")
check "fds: observe fds sees pid $victim of another uid (nobody) ($line)" [ -n "$free" ]
check "fds: observe fds agrees with /proc/$victim/limits ($soft)" [ "$(limits "$victim")" = "$soft" ]
n=$(grep -c '^pid=' <<<"$obs")
check "fds: observe fds sees pid 1 and pid $victim (n=$n)" [ "$n" -ge 2 ]
t0=$(date +%s%N); out=$(st_fds fds $TAG 1); took=$(ms "$t0")
timings+=("fds LEVEL 1 on $n processes: ${took} ms with docker exec")
check "fds: LEVEL 1 prints pid=$victim soft=0 was=$soft" grep -qx "pid=$victim soft=0 was=$soft" <<<"$out"
check "fds: LEVEL 1 sets every process ($n)" [ "$(grep -c '^pid=' <<<"$out")" = "$n" ]
check "fds: pid $victim's soft limit is now 0 ($(limits "$victim"))" [ "$(limits "$victim")" = 0 ]
check "fds: observe fds shows soft = 0 for every process" \
  [ -z "$(st_fds observe fds | awk '{ s = $2; sub(/.*=/, "", s); if (s != 0) print }')" ]
t0=$(date +%s%N); out=$(inner "$fds_ctr" release $TAG); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("release of fds: ${inside} ms (${took} ms with docker exec)")
check "fds: release restores all $n ($(shown "$out"))" [ "$(key restored-fds <<<"$out")" = "$n" ]
check "fds: pid $victim's soft limit back to $soft" [ "$(limits "$victim")" = "$soft" ]
check "fds: a second release restores nothing more" [ "$(st_fds release $TAG | key restored-fds)" = 0 ]
out=$(st_fds fds $TAG 0.5)
want=$(( free + (soft - free) / 2 ))
check "fds: LEVEL 0.5 sets g + floor(0.5 * (soft - g)) = $want" grep -qx "pid=$victim soft=$want was=$soft" <<<"$out"
check "fds: /proc/$victim/limits shows $want" [ "$(limits "$victim")" = "$want" ]
st_fds release $TAG >/dev/null
check "fds: released again, back to $soft" [ "$(limits "$victim")" = "$soft" ]

# ---------------------------------------------------------------- release twice, cleanup

st cpu $TAG 1 0.2 >/dev/null; st memory $TAG $((64 * MIB)) >/dev/null; st disk $TAG "$DISK_PATH" $MIB >/dev/null
st fds $TAG 0.5 >/dev/null
t0=$(date +%s%N); out=$(inner "$ctr" release $TAG); took=$(ms "$t0"); inside=$(key took <<<"$out")
timings+=("release of cpu + memory + disk + fds together: ${inside} ms (${took} ms with docker exec)")
check "release: all at once ($(shown "$out"))" [ "$(key killed <<<"$out") $(key removed <<<"$out")" = "2 1" ]
check "release: postgres survived it all (no crash-restart: the daemons end with status 0)" \
  in_ctr pg_isready -q -h 127.0.0.1
check "release: postgres logged no server process terminated by a signal" \
  not grep -q "terminated by signal" <<<"$(docker logs "$ctr" 2>&1)"
check "release: twice is fine and finds nothing left" \
  [ "$(st release $TAG)" = "killed=0 restored-fds=0 restored-oom=0 removed=0" ]
check "release: no tagged process left" [ "$(st observe procs $TAG)" = "running=0" ]
check "release: no tagged process in /proc either" not in_ctr sh -c "grep -l '/[.]faultline-$TAG/' /proc/[0-9]*/cmdline"
check "release: the state dir stays for the harness to observe" in_ctr test -d "/tmp/.faultline-$TAG"
in_ctr cp "$BIN" /tmp/stress-cleanup
check "cleanup: exit 0" docker exec -u 0 "$ctr" /tmp/stress-cleanup cleanup $TAG
check "cleanup: the state dir is gone" not in_ctr test -e "/tmp/.faultline-$TAG"
check "cleanup: twice is fine" docker exec -u 0 "$ctr" /tmp/stress-cleanup cleanup $TAG
in_ctr rm -f /tmp/stress-cleanup

# ---------------------------------------------------------------- memory with no end (ends FDS_CONTAINER)

if [ ${#own[@]} -gt 0 ]; then
  t0=$(date +%s%N); out=$(inner "$fds_ctr" memory $TAG 0 || true); took=$(ms "$t0"); inside=$(key took <<<"$out")
  timings+=("memory 0 (no end) with a 96 MiB limit (until held=): ${inside} ms (${took} ms with docker exec)")
  held=$(key held <<<"$out")
  check "memory 0: reports held=$((${held:-0} / MIB)) MiB (80..96) before the OOM kill" between "$((${held:-0} / MIB))" 80 96
  deadline=$((SECONDS + 10))
  until [ "$(docker inspect -f '{{.State.Running}}' "$fds_ctr" 2>/dev/null || echo gone)" != true ] \
    || (( SECONDS >= deadline )); do sleep 0.1; done
  check "memory 0: the OOM kill hit the container's PID 1 (its oom_score_adj raised), which ended it" \
    [ "$(docker inspect -f '{{.State.Running}}' "$fds_ctr" 2>/dev/null || echo gone)" != true ]
fi

echo
echo "timings (in the container; with docker exec, from the host):"
printf '  %s\n' "${timings[@]}"
if [ "$failures" -gt 0 ]; then echo "selftest: $failures check(s) failed"; exit 1; fi
echo "selftest: all checks passed"
