#!/usr/bin/env bash
# What the processes collector costs per scrape at N processes, ours against node_exporter 1.5,
# both started with only that collector (--collector.disable-defaults --collector.processes) and
# scraped in turns over loopback. The workload is workload.c's: N light children, child i with
# i % (T+1) extra sleeping threads (~3 threads per process with T=4), no sockets.
# Usage: bench/processes.sh [PROCS] [SCRAPES]   (defaults 2000 and 50; ~2 minutes)
# Needs: target/node-process-exporter.jar (mvn -q -B package -DskipTests), gcc, curl,
# /usr/bin/prometheus-node-exporter. Prints, per exporter: ms of CPU per scrape (utime+stime
# from /proc/<pid>/stat over SCRAPES scrapes, after 300 warm-up scrapes of ours so that the JIT
# has compiled the walk, 10 of node_exporter's), median latency, and the pids/threads each reported.
set -euo pipefail
cd "$(dirname "$0")/.."
procs=${1:-2000}; scrapes=${2:-50}
port_ours=29181; port_ne=29182
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
[ -f target/node-process-exporter.jar ] || { echo "processes.sh: build target/node-process-exporter.jar first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/processes-bench.XXXXXX)
pids=(); wl=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$wl" ]; then kill -TERM "$wl" 2>/dev/null || true; sleep 0.5; kill -KILL -- "-$wl" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

gcc -O2 -pthread -o "$tmp/bench-wl" bench/workload.c
"$tmp/bench-wl" "$procs" 0 4 > "$tmp/wl.out" &
wl=$!
until grep -q ready "$tmp/wl.out" 2>/dev/null; do sleep 0.2; done

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
start() { # port command...
  local port=$1; shift
  "$@" > "$tmp/log.$port" 2>&1 &
  pids+=($!)
  until curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; do sleep 0.05; done
}
flags=(--collector.disable-defaults --collector.processes --web.disable-exporter-metrics)
start $port_ours bin/node-process-exporter --web.listen-address=127.0.0.1:$port_ours "${flags[@]}"
ours=${pids[-1]}
start $port_ne /usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:$port_ne "${flags[@]}"
ne=${pids[-1]}

host_procs=$(ls /proc | grep -c '^[0-9]')
host_threads=$( (cat /proc/[0-9]*/status 2>/dev/null || true) | awk '/^Threads:/ {n += $2} END {print n}')
printf 'host: %d processes, %d threads; load average %s\n\n' "$host_procs" "$host_threads" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| exporter | CPU ms/scrape | median latency ms | pids | threads |\n|---|---:|---:|---:|---:|\n'
for who in ours node_exporter; do
  # ours: past scrape ~256, when C1 has compiled what a scrape runs once; Go needs no warm-up
  if [ $who = ours ]; then pid=$ours; port=$port_ours; warmup=300; else pid=$ne; port=$port_ne; warmup=10; fi
  url="http://127.0.0.1:$port/metrics"
  for _ in $(seq $warmup); do curl -s -o /dev/null "$url"; done
  a=$(cpu "$pid")
  : > "$tmp/lat"
  for _ in $(seq "$scrapes"); do curl -s -o /dev/null -w '%{time_total}\n' "$url" >> "$tmp/lat"; sleep 0.1; done
  b=$(cpu "$pid")
  curl -s "$url" > "$tmp/body"
  printf '| %s | %d | %d | %s | %s |\n' "$who" $(( (b - a) * tick_ms / scrapes )) \
    "$(sort -n "$tmp/lat" | awk '{v[NR] = $1} END {printf "%d", v[int((NR + 1) / 2)] * 1000}')" \
    "$(awk '$1 == "node_processes_pids" {print $2}' "$tmp/body")" \
    "$(awk '$1 == "node_processes_threads" {print $2}' "$tmp/body")"
done
