#!/usr/bin/env bash
# The back-to-normal objective's false alarm rate on real healthy runs: runs scenarios/back-to-normal.yaml (healthy
# workers: they come back with their full capacity) N times with seeds 1..N, each under the shared Docker lock, and
# counts the runs in which any back-to-normal check failed. Prints one line per run (each metric's p-value) and the
# total. Expect 0 false alarms; the objective bounds the rate by its significance (1%) as far as its assumptions hold.
#   assertions/bench/back-to-normal-false-alarms.sh [runs, default 5] [output dir, default assertions/target/bench]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
runs="${1:-5}"
out="${2:-$root/assertions/target/bench}"
mkdir -p "$out"
alarms=0
for seed in $(seq 1 "$runs"); do
  dir="$out/run-$seed"
  rm -rf "$dir"
  flock /tmp/faultline-docker.lock ./faultline run scenarios/back-to-normal.yaml --seed "$seed" --report-dir "$dir" \
    > "$out/run-$seed.log" 2>&1 || true
  line="$(python3 - "$dir/back-to-normal/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f = r["objectiveFigures"].get("back-to-normal", {})
m = f.get("metrics", {})
degraded = any(v["degraded"] for v in m.values()) or f.get("problem") is not None
ps = " ".join("%s p=%.4f%s" % (k, v["pValue"], "!" if v["degraded"] else "") for k, v in m.items())
print(("ALARM" if degraded else "ok") + " verdict=" + r["verdict"] + " " + ps + (" problem=" + f["problem"] if f.get("problem") else ""))
PY
)"
  echo "seed $seed: $line"
  case "$line" in ALARM*) alarms=$((alarms + 1)) ;; esac
done
echo "false alarms: $alarms of $runs healthy runs"
