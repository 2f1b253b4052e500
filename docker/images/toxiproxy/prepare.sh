#!/usr/bin/env bash
# Copies the proxy jar into this image folder before `docker build`. Usage: prepare.sh <repo root>
set -euo pipefail
root="${1:?usage: prepare.sh <repo root>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/proxy/target/faultline-proxy.jar"
if [ ! -f "$jar" ]; then
  echo "prepare.sh: $jar is missing: run mvn -pl proxy package first" >&2
  exit 1
fi
# Copy only when changed, so the bootstrap's input hash (and the image) stays the same for the same jar.
if ! cmp -s "$jar" "$here/faultline-proxy.jar"; then
  cp "$jar" "$here/faultline-proxy.jar"
fi
