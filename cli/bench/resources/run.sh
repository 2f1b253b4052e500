#!/usr/bin/env bash
# The one command to measure how soon each resource of resource-exhaustion (cpu, memory, disk, file-descriptors,
# connections) takes effect after its injection and is released after its revert, against real containers.
#
#   cli/bench/resources/run.sh [--runs N] [--out FILE] [benchmark options]    (--help lists them)
#
# Builds what it needs (the command-line jar with every module and library, cli/target/faultline-cli-all.jar, when
# it is older than the sources; then only the benchmark's sources from cli/src/test/java/dev/faultline/cli/bench),
# makes sure a Docker engine answers and the images are there (runs docker/bootstrap.sh when one is missing), then
# runs dev.faultline.cli.bench.ResourceBenchmark, passing every argument through. Maven runs offline (-o) unless
# BENCH_ONLINE=1; BENCH_SKIP_BUILD=1 uses what was built last time. See cli/bench/resources/README.md.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bench_dir/../../.." && pwd)"
cd "$repo_root"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn_flags=(-B -q)
[[ "${BENCH_ONLINE:-0}" == 1 ]] || mvn_flags+=(-o)
# Outside every target/: a 'mvn clean' next door must not delete the classes of a running benchmark.
state_dir="${BENCH_STATE_DIR:-${TMPDIR:-/tmp}/faultline-resource-bench}"
cli_jar="cli/target/faultline-cli-all.jar"
jar_copy="$state_dir/faultline-cli-all.jar"
bench_sources="cli/src/test/java/dev/faultline/cli/bench"
bench_classes="$state_dir/bench-classes"
images=(faultline/agent faultline/postgres faultline/stress)

export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"

stale() { # stale FILE: FILE missing, or older than a source or pom of the modules it is made of
  [[ ! -f "$1" ]] || [[ -n "$(find . -path ./.git -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -type f \
      -newer "$1" -print -quit 2>/dev/null)" ]]
}

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  if stale "$cli_jar"; then
    echo "run.sh: building $cli_jar (mvn package -pl cli -am, tests skipped)" >&2
    mvn "${mvn_flags[@]}" -Dmaven.test.skip=true package -pl cli -am >&2
  fi
  mkdir -p "$state_dir"
  # A private copy: someone rebuilding in the same tree must not change the jar under the running JVM.
  cp "$cli_jar" "$jar_copy"
  # Only the benchmark's own sources: the rest of cli/src/test may be half-way through someone's change.
  echo "run.sh: compiling $bench_sources" >&2
  rm -rf "$bench_classes"
  mkdir -p "$bench_classes"
  javac -d "$bench_classes" -cp "$jar_copy" --release 17 "$bench_sources"/*.java >&2
  bash docker/bootstrap.sh engine >&2
  for image in "${images[@]}"; do
    if ! docker image inspect "$image" >/dev/null 2>&1; then
      echo "run.sh: $image is missing: docker/bootstrap.sh builds the images" >&2
      bash docker/bootstrap.sh >&2
      break
    fi
  done
fi
if [[ ! -f "$jar_copy" ]] || [[ ! -d "$bench_classes" ]]; then
  echo "run.sh: $jar_copy is missing; run without BENCH_SKIP_BUILD=1 once" >&2
  exit 1
fi

# SerialGC and a fixed heap, as the other benchmarks: no GC threads or heap resizing on a 2-core machine.
exec "$java_bin" -XX:+UseSerialGC -Xms256m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$bench_classes:$jar_copy" dev.faultline.cli.bench.ResourceBenchmark "$@"
