#!/usr/bin/env bash
# The one command to benchmark the Faultline fault proxy against direct loopback and HAProxy.
#
#   proxy/bench/run.sh [benchmark options]        e.g. proxy/bench/run.sh --json /tmp/proxy-bench.json
#
# Installs haproxy if it is missing (Debian, as root; no system service is left running), builds
# proxy/target/faultline-proxy.jar if it is missing or older than proxy/src/main or proxy/pom.xml, then runs
# proxy/bench/ProxyBenchmark.java with the JDK's source launcher, passing every argument through.
# Set BENCH_SKIP_BUILD=1 to use whatever jar exists. See proxy/bench/README.md.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bench_dir/../.." && pwd)"
cd "$repo_root"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="proxy/target/faultline-proxy.jar"

install_haproxy() {
    if command -v haproxy >/dev/null 2>&1; then
        return
    fi
    if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "run.sh: haproxy is not installed; install it (Debian: sudo apt-get install -y haproxy) and re-run" >&2
        exit 1
    fi
    echo "run.sh: installing haproxy (apt-get install -y haproxy)" >&2
    # Keep the package's maintainer scripts from starting haproxy as a system service.
    local policy=/usr/sbin/policy-rc.d added_policy=""
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        added_policy=1
    fi
    local rc=0
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null; } ||
        rc=$?
    if [[ -n "$added_policy" ]]; then
        rm -f "$policy"
    fi
    if [[ $rc -ne 0 ]]; then
        echo "run.sh: apt-get install haproxy failed ($rc)" >&2
        exit 1
    fi
    # Should a service have been started anyway, stop it and keep it from starting at boot.
    if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
        systemctl disable --now haproxy >/dev/null 2>&1 || true
    elif [[ -s /run/haproxy.pid ]] && [[ -x /etc/init.d/haproxy ]]; then
        /etc/init.d/haproxy stop >/dev/null 2>&1 || true
        update-rc.d haproxy disable >/dev/null 2>&1 || true
    fi
}

build_jar_if_stale() {
    if [[ "${BENCH_SKIP_BUILD:-}" == 1 ]]; then
        return
    fi
    if [[ -f "$jar" ]] && [[ -z "$(find proxy/src/main proxy/pom.xml -type f -newer "$jar" -print -quit)" ]]; then
        return
    fi
    echo "run.sh: building $jar (mvn -B -q -pl proxy package -DskipTests)" >&2
    if ! mvn -B -q -pl proxy package -DskipTests; then
        echo "run.sh: building the proxy failed; fix the build, or set BENCH_SKIP_BUILD=1 to benchmark the" \
             "existing $jar as it is" >&2
        exit 1
    fi
}

install_haproxy
build_jar_if_stale
# SerialGC and a fixed heap: the client must not add GC threads or heap resizing on a 2-core machine.
exec "$java_bin" -XX:+UseSerialGC -Xms256m -Xmx256m "$bench_dir/ProxyBenchmark.java" "$@"
