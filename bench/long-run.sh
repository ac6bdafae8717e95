#!/usr/bin/env bash
# Memory and CPU of node-process-exporter over many scrapes, on the scrape-bench workload.
#
# scrape-bench.sh measures ~45 scrapes. That is too early for memory: the JIT compiles a method
# after ~200 calls (in practice at call 256), so the code run once per scrape (most of the node
# collectors, the HTTP handling) is compiled together around scrape 256, with the code cache and
# the compiler's working memory growing then.
# This script scrapes back to back and prints RSS every 50 scrapes, so the steady state shows.
#
# Usage: bench/long-run.sh [--procs N] [--scrapes K] [--query Q]
#   --procs N     workload processes (default 2000; 0 = none)
#   --scrapes K   scrapes (default 400)
#   --query Q     query string of /metrics (default: none, every collector)
# Needs target/node-process-exporter.jar (mvn package), gcc, curl. JAVA_OPTS passes JVM options.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
procs=2000; scrapes=400; query=
while [ $# -gt 0 ]; do
  case $1 in
    --procs) procs=$2; shift 2 ;;
    --scrapes) scrapes=$2; shift 2 ;;
    --query) query=$2; shift 2 ;;
    *) echo "long-run: unknown option $1" >&2; exit 2 ;;
  esac
done
port=29150
tmp=$(mktemp -d /tmp/long-run.XXXXXX)
pids=()
wl_pid=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$wl_pid" ]; then kill -KILL -- "-$wl_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$procs" -gt 0 ]; then
  gcc -O2 -pthread -o "$tmp/workload" "$bench_dir/workload.c"
  conns=$(( (2300 + procs * 467 / 100 - 2 * procs) / 2 ))
  "$tmp/workload" "$procs" "$conns" 4 > "$tmp/workload.out" 2> "$tmp/workload.err" &
  wl_pid=$!; pids+=("$wl_pid")
  until grep -q '^ready' "$tmp/workload.out" 2>/dev/null; do
    kill -0 "$wl_pid" 2>/dev/null || { cat "$tmp/workload.err" >&2; exit 1; }
    sleep 0.2
  done
fi

"$repo/bin/node-process-exporter" --web.listen-address=127.0.0.1:$port > "$tmp/exporter.log" 2>&1 &
launcher=$!; pids+=("$launcher")
url="http://127.0.0.1:$port/metrics${query:+?$query}"
until curl -s -o /dev/null "$url"; do sleep 0.05; done
pid=$launcher # the launcher execs the JVM
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
rss() { awk "/^$1:/ { printf \"%.1f\", \$2 / 1024 }" "/proc/$pid/status"; }
tick_hz=$(getconf CLK_TCK)

echo "processes on the host: $(find /proc -maxdepth 1 -name '[0-9]*' | wc -l); scrapes of $url back to back"
printf '| scrapes | RSS MiB | peak MiB | CPU ms/scrape over the last 50 |\n|---:|---:|---:|---:|\n'
last=$(ticks)
for i in $(seq "$scrapes"); do
  curl -s -o /dev/null "$url"
  if [ $((i % 50)) -eq 0 ]; then
    now=$(ticks)
    printf '| %d | %s | %s | %d |\n' "$i" "$(rss VmRSS)" "$(rss VmHWM)" $(( (now - last) * 1000 / tick_hz / 50 ))
    last=$now
  fi
done
