#!/usr/bin/env bash
# Prints how long report.html takes to write and to render in headless Chromium, and its size, for a shipped run
# and a synthetic 1-hour run (targets: < 5 MB, render < 2 s). Offline: builds engine and reports with Maven -o.
#   reports/bench/report-bench.sh [output dir, default reports/target/bench]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="${1:-$root/reports/target/bench}"
mkdir -p "$out"
mvn -o -q -pl engine,reports test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out/classpath.txt"
java -cp "$root/reports/target/test-classes:$root/reports/target/classes:$(cat "$out/classpath.txt")" \
  dev.faultline.reports.html.ReportBench "$out"
