#!/usr/bin/env bash
# Prints, for each load driver (found by name as the engine finds it; "not installed" when absent), the highest rate
# it holds within 2 % on this machine (rising rates for 5 s each until the first not held, then two steps between),
# and the CPU the harness process itself uses while driving 500/s. The target is a sink on 127.0.0.1 in a JVM of its
# own (dev.faultline.load.bench.Sink), so its CPU is not counted as the harness's. Offline: builds engine and load
# with Maven -o; the measuring holds /tmp/faultline-docker.lock so it never overlaps a container run. About 3 minutes.
#   load/bench/drivers-bench.sh [driver...]     (default: ledger gatling)
#   DRIVERS_BENCH_RATES=500,1000 load/bench/drivers-bench.sh ledger     (other rates to climb, per second)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="$root/load/target/bench"
mkdir -p "$out"
mvn -o -q -pl engine,load -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt" -Dcheckstyle.skip
cp="$root/load/target/test-classes:$root/load/target/classes:$root/engine/target/classes:$(cat "$out/classpath.txt")"
drivers=("$@")
[ ${#drivers[@]} -gt 0 ] || drivers=(ledger gatling)
step_seconds=5
cpu_seconds=10

exec 9>>/tmp/faultline-docker.lock
echo "waiting for /tmp/faultline-docker.lock ..."
flock 9
echo "$(date -u +%FT%TZ) $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

port_file="$out/sink.port"
rm -f "$port_file"
# the sink exits by itself after 10 minutes should this script die without stopping it
java -XX:+UseSerialGC -Xms256m -Xmx512m -cp "$cp" dev.faultline.load.bench.Sink "$port_file" 600 9>&- &
sink=$!
trap 'kill "$sink" 2>/dev/null || true; rm -f "$port_file"' EXIT
deadline=$(( $(date +%s) + 30 ))
until [ -s "$port_file" ]; do
  if ! kill -0 "$sink" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
    echo "the sink did not start listening within 30 s" >&2
    exit 1
  fi
  sleep 0.1 # the poll's interval
done
port="$(cat "$port_file")"
echo "sink: pid $sink on http://127.0.0.1:$port"

for driver in "${drivers[@]}"; do
  echo "driver $driver:"
  # the harness's JVM as the launcher starts it (-Xmx1g at least, the JVM's default collector), with the option Gatling
  # needs
  java -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$cp" dev.faultline.load.bench.DriversBench \
    "$driver" "$port" "$sink" "$step_seconds" "$cpu_seconds" ${DRIVERS_BENCH_RATES:+"$DRIVERS_BENCH_RATES"} 9>&-
done
