#!/usr/bin/env bash
# The supervisord, runit and ntp collectors alone, ours and node_exporter 1.5's, against one
# supervisord (2 programs), one runsvdir (2 services) and one chronyd on loopback, started here.
# Usage: bench/daemon-collectors.sh [SCRAPES]   (default 300; ~1 minute)
# Needs: target/node-process-exporter.jar (mvn package), /usr/bin/prometheus-node-exporter, curl,
# supervisord, runsvdir, sv, chronyd (Debian: supervisor runit chrony).
# Prints per exporter, with the three collectors and loadavg and with loadavg alone (the
# exporters' own metrics off): ms of CPU per scrape (utime+stime, over the last two thirds of the
# scrapes), each collector's median node_scrape_collector_duration_seconds over them (wall time),
# and the RSS at the end. The difference of the two rows is what the three collectors cost.
set -euo pipefail
cd "$(dirname "$0")/.."
scrapes=${1:-300}
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
T=$(mktemp -d); chmod 777 "$T"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sv force-stop "$T"/service/* >/dev/null 2>&1 || true; sv exit "$T"/service/* >/dev/null 2>&1 || true
  sleep 1; rm -rf "$T"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

sport=$(free_port); nport=$(free_port)
cat > "$T/supervisord.conf" <<X
[supervisord]
nodaemon=true
logfile=$T/supervisord.log
pidfile=$T/supervisord.pid
childlogdir=$T
[inet_http_server]
port=127.0.0.1:$sport
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[program:runner]
command=/bin/sleep 100000
[program:idle]
command=/bin/sleep 100000
autostart=false
X
supervisord -c "$T/supervisord.conf" > /dev/null 2>&1 & pids+=($!)
for s in sleeper resting; do mkdir -p "$T/service/$s"; printf '#!/bin/sh\nexec sleep 100000\n' > "$T/service/$s/run"; chmod +x "$T/service/$s/run"; done
touch "$T/service/resting/down"
runsvdir "$T/service" > /dev/null 2>&1 & pids+=($!)
cat > "$T/chrony.conf" <<X
port $nport
bindaddress 127.0.0.1
allow 127.0.0.1
local stratum 10
driftfile $T/drift
pidfile $T/chronyd.pid
cmdport 0
X
chronyd -d -x -f "$T/chrony.conf" > /dev/null 2>&1 & pids+=($!)
sleep 3

flags=(--collector.supervisord "--collector.supervisord.url=http://127.0.0.1:$sport/RPC2"
       --collector.runit "--collector.runit.servicedir=$T/service" --collector.ntp "--collector.ntp.server-port=$nport")
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss() { awk '/VmRSS/{printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
# measure LABEL WHO FLAG...: one row
measure() {
  local label=$1 who=$2; shift 2
  local port pid a b n
  port=$(free_port)
  if [ "$who" = ours ]; then
    bin/node-process-exporter --web.listen-address=127.0.0.1:$port "$@" > /dev/null 2>&1 &
  else
    /usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:$port "$@" > /dev/null 2>&1 &
  fi
  pid=$!; pids+=($pid)
  until curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; do sleep 0.05; done
  for _ in $(seq $(( scrapes / 3 ))); do curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; done
  a=$(cpu $pid); n=$(( scrapes - scrapes / 3 )); : > "$T/durations"
  for _ in $(seq $n); do
    curl -s "http://127.0.0.1:$port/metrics" | grep '^node_scrape_collector_duration_seconds' >> "$T/durations"
  done
  b=$(cpu $pid)
  med() { grep "collector=\"$1\"" "$T/durations" | awk '{print $2 * 1000}' | sort -g | awk '{v[NR]=$1} END {if (NR) printf "%.3f", v[int((NR+1)/2)]}'; }
  printf '| %s | %.3f | %s | %s | %s | %s |\n' "$label" "$(echo "($b - $a) * $tick_ms / $n" | bc -l)" \
    "$(med supervisord)" "$(med runit)" "$(med ntp)" "$(rss $pid)"
  kill $pid; wait $pid 2>/dev/null || true
}

printf '| exporter | CPU ms/scrape | supervisord ms | runit ms | ntp ms | RSS MiB |\n|---|---:|---:|---:|---:|---:|\n'
base=(--collector.disable-defaults --web.disable-exporter-metrics --collector.loadavg)
measure "ours: loadavg + the three" ours "${base[@]}" "${flags[@]}"
measure "ours: loadavg" ours "${base[@]}"
measure "node_exporter: loadavg + the three" node_exporter "${base[@]}" "${flags[@]}"
measure "node_exporter: loadavg" node_exporter "${base[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
