#!/usr/bin/env bash
# Prints the ledger's cost per accepted item at scale (heap used after a full GC / items, each in a JVM with a fixed
# heap), the time per item to submit, answer and complete, and the drain's cost per read of the results (time and
# allocation, a whole read as it was and as it is now, and an incremental read). Target: at most 16 bytes per accepted
# item, so a 24-hour soak at 2,000 items/s (172.8 M items) fits in -Xmx4g. Offline: builds engine and load with Maven -o.
#   load/bench/ledger-bench.sh [--soak]     (--soak also fills a 172.8 M-item ledger in -Xmx4g: about 2 minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="$root/load/target/bench"
mkdir -p "$out"
mvn -o -q -pl engine,load -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt" -Dcheckstyle.skip
cp="$root/load/target/test-classes:$root/load/target/classes:$root/engine/target/classes:$(cat "$out/classpath.txt")"
bench() { # heap, mode, args...
  local heap="$1"; shift
  java -Xms"$heap" -Xmx"$heap" -XX:+UseParallelGC -cp "$cp" dev.faultline.load.LedgerBench "$@"
}
bench 2g memory 10000000
bench 2g memory 50000000
bench 1g ops 2000000
bench 2g drain 1000000 6000
bench 2g drain 5000000 6000
if [[ "${1:-}" == "--soak" ]]; then
  bench 4g memory 172800000
fi
