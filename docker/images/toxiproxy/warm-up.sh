#!/usr/bin/env bash
# Run once at image build (Dockerfile): starts the proxy with the options its containers use plus the ones given
# here (-XX:ArchiveClassesAtExit=...), walks it through what a run does first (the API's version, a route created,
# a connection through that route, a toxic added and removed, the route deleted) and stops it with SIGTERM, so
# the JVM writes the classes it loaded to a class-data archive that every container then maps instead of loading
# them from the jar. Uses bash's /dev/tcp: the image has no HTTP client.
set -euo pipefail
api=8474

request() { # METHOD PATH [BODY] [PORT]: the answer's status line on stdout
  local body="${3:-}" port="${4:-$api}"
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$1" "$2" "${#body}" "$body" >&3
  timeout 5 head -n 1 <&3 || true
  exec 3<&-
}

"$@" -host=127.0.0.1 -port="$api" & server=$!
tries=0
until (exec 3<>"/dev/tcp/127.0.0.1/$api") 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -ge 300 ] || ! kill -0 "$server" 2>/dev/null; then echo "warm-up: the proxy did not listen" >&2; exit 1; fi
  sleep 0.1
done
request GET /version
# a route to the proxy's own API, so a request through it takes the data path
request POST /proxies '{"name":"warm-up","listen":"127.0.0.1:18475","upstream":"127.0.0.1:8474"}'
request GET /version "" 18475
request POST /proxies/warm-up/toxics '{"name":"slow","type":"latency","attributes":{"latency":1}}'
request GET /version "" 18475
request DELETE /proxies/warm-up/toxics/slow
request GET /proxies
request DELETE /proxies/warm-up
kill -TERM "$server"
wait "$server"
