#!/usr/bin/env bash
# The one command to compare how long Faultline takes to start a topology with a hand-written Testcontainers start
# of the same containers, side by side in one JVM.
#
#   cli/bench/start/run.sh [--runs N] [benchmark options]    (--help lists them)
#
# Builds what it needs (the command-line jar with every module and library, cli/target/faultline-cli-all.jar, when
# it is older than the sources; then only the benchmark's sources from cli/src/test/java/dev/faultline/cli/bench),
# makes sure a Docker engine answers and the images are there (runs docker/bootstrap.sh when one is missing), then
# runs dev.faultline.cli.bench.StartBenchmark, passing every argument through. Maven runs offline (-o) unless
# BENCH_ONLINE=1; BENCH_SKIP_BUILD=1 uses what was built last time. See cli/bench/start/README.md.
set -euo pipefail

exec bash "$(dirname "${BASH_SOURCE[0]}")/../bench.sh" start dev.faultline.cli.bench.StartBenchmark \
    "faultline/toxiproxy faultline/rabbitmq faultline/postgres faultline/agent" "$@"
