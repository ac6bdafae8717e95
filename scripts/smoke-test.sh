#!/usr/bin/env bash
# Starts bin/node-process-exporter (with $JAVA_HOME's java when set) on a free loopback port,
# checks that /metrics answers with node metrics within a few seconds, and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
bin/node-process-exporter --web.listen-address="127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  if curl -sf "http://127.0.0.1:$port/metrics" -o /dev/null; then break; fi
  sleep 0.1
done
body=$(curl -sf "http://127.0.0.1:$port/metrics")
grep -q '^node_load1 ' <<<"$body" || { echo "smoke test: no node_load1"; cat "$log"; exit 1; }
grep -q '^node_exporter_build_info{' <<<"$body" || { echo "smoke test: no build info"; exit 1; }
java_version=$(grep -o 'javaversion="[^"]*"' <<<"$body")
kill -TERM $pid
wait $pid || true
grep -q 'Shutting down' "$log" || { echo "smoke test: no clean shutdown"; cat "$log"; exit 1; }
echo "smoke test passed: $java_version"
