#!/usr/bin/env bash
# Starts bin/node-process-exporter (with $JAVA_HOME's java when set) on a free loopback port,
# checks that /metrics answers with node metrics within a few seconds, and stops it; twice.
set -euo pipefail
cd "$(dirname "$0")/.."
# Twice: the first run writes the class-data archive at exit (bin/node-process-exporter), the
# second starts from it.
for run in 1 2; do
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
bin/node-process-exporter --web.listen-address="127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  if curl -sf "http://127.0.0.1:$port/metrics" -o /dev/null; then break; fi
  sleep 0.1
done
cds=$(tr '\0' '\n' < "/proc/$pid/cmdline" | grep -o 'XX:[A-Za-z]*Archive[A-Za-z]*' || echo "no archive")
body=$(curl -sf "http://127.0.0.1:$port/metrics")
grep -q '^node_load1 ' <<<"$body" || { echo "smoke test: no node_load1"; cat "$log"; exit 1; }
grep -q '^node_exporter_build_info{' <<<"$body" || { echo "smoke test: no build info"; exit 1; }
java_version=$(grep -o 'javaversion="[^"]*"' <<<"$body")
# node_uname_info and the filesystem sizes come through JNA; JNA must not have run ldconfig for
# it (a "process reaper" thread is what a child process leaves behind in a JVM)
grep -q '^node_uname_info{' <<<"$body" || { echo "smoke test: no node_uname_info"; exit 1; }
if grep -qx 'process reaper' /proc/$pid/task/*/comm; then echo "smoke test: the exporter started a child process"; exit 1; fi
# Idle, the JVM must not wake itself for periodic checks (the launcher turns them off): its
# monitor-deflation thread would run every 250 ms, 8 times in these 2 s, and once a minute with it.
wakes() {
  for t in /proc/$pid/task/*; do
    if [ "$(cat "$t/comm")" = "Monitor Deflati" ]; then cut -d' ' -f3 "$t/schedstat"; fi
  done
}
w0=$(wakes); sleep 2; w1=$(wakes)
if [ -n "$w0" ] && [ $((w1 - w0)) -gt 2 ]; then
  echo "smoke test: the monitor-deflation thread ran $((w1 - w0)) times in 2 s idle"; exit 1
fi
kill -TERM $pid
wait $pid || true
grep -q 'Shutting down' "$log" || { echo "smoke test: no clean shutdown"; cat "$log"; exit 1; }
if grep -v '^ts=' "$log"; then echo "smoke test: output other than log lines (above)"; exit 1; fi
rm -f "$log"
echo "smoke test passed (run $run, $cds): $java_version"
done
