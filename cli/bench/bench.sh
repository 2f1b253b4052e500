#!/usr/bin/env bash
# What every benchmark under cli/bench/ does before it runs: called by cli/bench/<name>/run.sh as
#
#   bench.sh NAME MAIN_CLASS "IMAGE ..." [benchmark options]
#
# Builds the command-line jar with every module and library (cli/target/faultline-cli-all.jar) when it is older
# than the sources, copies it to $BENCH_STATE_DIR (default $TMPDIR/faultline-NAME-bench), compiles only the
# benchmarks' own sources (cli/src/test/java/dev/faultline/cli/bench) against it, makes sure a Docker engine
# answers and the IMAGEs are there (docker/bootstrap.sh), then runs MAIN_CLASS with the remaining arguments.
# Maven runs offline (-o) unless BENCH_ONLINE=1; BENCH_SKIP_BUILD=1 uses what was built last time.
set -euo pipefail

name=$1 main_class=$2
read -r -a images <<<"$3"
shift 3
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn_flags=(-B -q)
[[ "${BENCH_ONLINE:-0}" == 1 ]] || mvn_flags+=(-o)
# Outside every target/: a 'mvn clean' next door must not delete the classes of a running benchmark.
state_dir="${BENCH_STATE_DIR:-${TMPDIR:-/tmp}/faultline-$name-bench}"
cli_jar="cli/target/faultline-cli-all.jar"
jar_copy="$state_dir/faultline-cli-all.jar"
bench_sources="cli/src/test/java/dev/faultline/cli/bench"
bench_classes="$state_dir/bench-classes"

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
  # Only the benchmark's own sources: the rest of cli/src/test may be half-way through someone's change. Their unit
  # tests (*Test.java, run by Maven) need JUnit, which the jar has not, and no benchmark needs them.
  echo "run.sh: compiling $bench_sources (tests left out)" >&2
  rm -rf "$bench_classes"
  mkdir -p "$bench_classes"
  sources=()
  for source in "$bench_sources"/*.java; do
    [[ "$source" == *Test.java ]] || sources+=("$source")
  done
  javac -d "$bench_classes" -cp "$jar_copy" --release 17 "${sources[@]}" >&2
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

# SerialGC and a fixed heap: no GC threads or heap resizing on a 2-core machine.
exec "$java_bin" -XX:+UseSerialGC -Xms256m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$bench_classes:$jar_copy" "$main_class" "$@"
