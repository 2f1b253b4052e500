#!/usr/bin/env bash
# The one command to compare how long Faultline takes to start a topology with a hand-written Testcontainers start
# of the same containers, side by side in one JVM.
#
#   cli/bench/start/run.sh [--runs N] [benchmark options]    (--help lists them)
#
# Builds what it needs (the modules the cli depends on and their classpath, then only the benchmark's sources from
# cli/src/test/java/dev/faultline/cli/bench), makes sure a Docker engine answers and the images are there (runs
# docker/bootstrap.sh when one is missing), then runs dev.faultline.cli.bench.StartBenchmark, passing every
# argument through. Maven runs offline (-o) unless BENCH_ONLINE=1; BENCH_SKIP_BUILD=1 uses what was built last
# time. See cli/bench/start/README.md.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bench_dir/../../.." && pwd)"
cd "$repo_root"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn_flags=(-B -q)
[[ "${BENCH_ONLINE:-0}" == 1 ]] || mvn_flags+=(-o)
# Outside every target/: a 'mvn clean' next door must not delete the classes of a running benchmark.
state_dir="${BENCH_STATE_DIR:-${TMPDIR:-/tmp}/faultline-start-bench}"
classpath_file="$state_dir/classpath.txt"
bench_sources="cli/src/test/java/dev/faultline/cli/bench"
bench_classes="$state_dir/bench-classes"
images=(faultline/toxiproxy faultline/rabbitmq faultline/postgres faultline/agent)

export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  echo "run.sh: compiling the modules the benchmark needs and writing their classpath" >&2
  mkdir -p "$state_dir"
  mvn "${mvn_flags[@]}" compile dependency:build-classpath -pl cli -am \
      -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2
  # Only the benchmark's own sources: the rest of cli/src/test may be half-way through someone's change.
  echo "run.sh: compiling $bench_sources" >&2
  rm -rf "$bench_classes"
  mkdir -p "$bench_classes"
  javac -d "$bench_classes" -cp "$(cat "$classpath_file")" --release 17 "$bench_sources"/*.java >&2
  bash docker/bootstrap.sh engine >&2
  for image in "${images[@]}"; do
    if ! docker image inspect "$image" >/dev/null 2>&1; then
      echo "run.sh: $image is missing: docker/bootstrap.sh builds the images" >&2
      bash docker/bootstrap.sh >&2
      break
    fi
  done
fi
if [[ ! -f "$classpath_file" ]] || [[ ! -d "$bench_classes" ]]; then
  echo "run.sh: $classpath_file is missing; run without BENCH_SKIP_BUILD=1 once" >&2
  exit 1
fi

# The project's own classes are copied to a private snapshot first: someone building in the same tree while the
# benchmark runs must not change or remove classes under the running JVM.
snapshot="$state_dir/classes"
rm -rf "$snapshot"
mkdir -p "$snapshot"
entries=()
IFS=':' read -ra raw_entries <<<"$(cat "$classpath_file")"
for entry in "${raw_entries[@]}"; do
  if [[ -d "$entry" ]]; then
    copy="$snapshot/$(realpath --relative-to="$repo_root" "$entry" | tr '/' '_')"
    cp -r "$entry" "$copy"
    entries+=("$copy")
  else
    entries+=("$entry")
  fi
done
classpath="$bench_classes:$(IFS=:; echo "${entries[*]}")"
# SerialGC and a fixed heap, as the accuracy benchmark: no GC threads or heap resizing on a 2-core machine.
exec "$java_bin" -XX:+UseSerialGC -Xms256m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$classpath" dev.faultline.cli.bench.StartBenchmark "$@"
