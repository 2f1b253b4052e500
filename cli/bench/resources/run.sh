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

exec bash "$(dirname "${BASH_SOURCE[0]}")/../bench.sh" resource dev.faultline.cli.bench.ResourceBenchmark \
    "faultline/agent faultline/postgres faultline/stress" "$@"
