#!/usr/bin/env bash
# The one command to measure how accurately Faultline measures time to detect, recovery time and outage.
#
#   cli/bench/accuracy/run.sh [--runs N] [--json FILE] [benchmark options]    (--help lists them)
#
# Builds what it needs (the modules the cli depends on, their classpath, the benchmark's own sources from
# cli/src/test/java/dev/faultline/cli/bench; the agent jar when it is older than its sources), makes sure a Docker
# engine and the images are there (docker/bootstrap.sh rebuilds an image only when its inputs changed), then runs
# dev.faultline.cli.bench.AccuracyBenchmark, passing every argument through. Maven runs offline (-o) unless
# BENCH_ONLINE=1; BENCH_SKIP_BUILD=1 uses what was built last time. See cli/bench/accuracy/README.md.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bench_dir/../../.." && pwd)"
cd "$repo_root"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn_flags=(-B -q)
[[ "${BENCH_ONLINE:-0}" == 1 ]] || mvn_flags+=(-o)
# Outside every target/: a 'mvn clean' next door must not delete the classes of a running benchmark.
state_dir="${BENCH_STATE_DIR:-${TMPDIR:-/tmp}/faultline-accuracy-bench}"
classpath_file="$state_dir/classpath.txt"
bench_sources="cli/src/test/java/dev/faultline/cli/bench"
bench_classes="$state_dir/bench-classes"
agent_jar="agents/target/faultline-agent.jar"

export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"

stale() { # stale FILE DIR...: FILE missing, or older than a file under one of the DIRs
  local file=$1; shift
  [[ ! -f "$file" ]] || [[ -n "$(find "$@" -type f -newer "$file" -print -quit 2>/dev/null)" ]]
}

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  if stale "$agent_jar" agents/src/main agents/pom.xml; then
    echo "run.sh: building $agent_jar (mvn package -pl agents -am, tests skipped)" >&2
    mvn "${mvn_flags[@]}" package -DskipTests -pl agents -am >&2
  fi
  echo "run.sh: compiling the modules the benchmark needs and writing their classpath" >&2
  mkdir -p "$state_dir"
  # In one reactor build, so the project's own modules are their fresh target/classes; the classpath file is
  # written by every module in turn and the cli module, last in the reactor, leaves its own. maven.test.skip turns
  # off the cli's profile that adds other modules' test-jars (made only by 'package', never installed here): the
  # benchmark needs none of them.
  mvn "${mvn_flags[@]}" -Dmaven.test.skip=true compile dependency:build-classpath -pl cli -am \
      -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2
  # Only the benchmark's own sources: the rest of cli/src/test may be half-way through someone's change.
  echo "run.sh: compiling $bench_sources" >&2
  rm -rf "$bench_classes"
  mkdir -p "$bench_classes"
  javac -d "$bench_classes" -cp "$(cat "$classpath_file")" --release 17 "$bench_sources"/*.java >&2
  # a Docker engine, and faultline/agent (with its parents) rebuilt if the jar changed: the only image the cases use
  bash docker/bootstrap.sh images agent >&2
fi
if [[ ! -f "$classpath_file" ]] || [[ ! -d "$bench_classes" ]]; then
  echo "run.sh: $classpath_file is missing; run without BENCH_SKIP_BUILD=1 once" >&2
  exit 1
fi

# The project's own classes are copied to a private snapshot first: someone building in the same tree while the
# benchmark runs (mvn clean, a rebuild) must not change or remove classes under the running JVM.
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
# ZGC and a fixed heap: the harness's own pauses stay under 2 ms. With SerialGC (256 MB) its young collections
# stopped it for 10-23 ms every 15 s or so, and one that fell on a restart left the harness, its witness and its
# new-request stream silent for 52 ms, a 31 ms bound (2026-12-05). BENCH_GC_OPTS replaces these options (e.g.
# "-XX:+UseSerialGC -Xms256m -Xmx512m", as before); BENCH_JAVA_OPTS adds options of one's own, e.g.
# -Xlog:gc,safepoint:file=/tmp/bench-gc.log:utctime to see the harness's own pauses.
read -r -a own_opts <<<"${BENCH_JAVA_OPTS:-}"
read -r -a gc_opts <<<"${BENCH_GC_OPTS:--XX:+UseZGC -Xms512m -Xmx512m}"
exec "$java_bin" "${gc_opts[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    ${own_opts[@]+"${own_opts[@]}"} -cp "$classpath" dev.faultline.cli.bench.AccuracyBenchmark "$@"
