#!/usr/bin/env bash
# Node collectors only: CPU per scrape of node-process-exporter (exclude[]=process_detail) and of
# node_exporter 1.5, measured in turns on one machine, right after start and after warm-up.
# Usage: bench/node-side-by-side.sh [ROUNDS]   (default 2; ~3 minutes per round)
# BOTH_FLAGS (e.g. "--collector.buddyinfo --collector.interrupts") is given to both exporters,
# OURS_FLAGS to ours only (collectors node_exporter 1.5 does not have).
# Needs: target/node-process-exporter.jar (mvn package), /usr/bin/prometheus-node-exporter, curl.
# Prints, per round: ms of CPU (utime+stime from /proc/<pid>/stat) per scrape over scrapes 5-45
# ("early", C1 still compiling) and 145-185 ("late"), 0.2 s apart; the CPU the exporter uses idle,
# per minute without scrapes (after the late window); what one 15-s interval costs once warm
# (late + idle / 4, what Prometheus' default interval sees); and the RSS after the late window.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
port_ours=29196; port_ne=29197
pids=()
tmp_perf=$(mktemp)
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -f "$tmp_perf"; }
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

# ms of CPU the process uses in 60 s without scrapes: perf's task-clock when perf is installed
# (exact, and counts the threads that end in that minute), else clock ticks (10 ms steps)
idle_minute() {
  if command -v perf > /dev/null && perf stat -x, -e task-clock -p "$1" -o "$tmp_perf" sleep 60 > /dev/null 2>&1; then
    awk -F, '/task-clock/ {printf "%d", $1}' "$tmp_perf"
  else
    local a b
    a=$(cpu "$1"); sleep 60; b=$(cpu "$1")
    echo $(( (b - a) * tick_ms ))
  fi
}

printf '| round | exporter | early ms/scrape | late ms/scrape | idle ms/min | ms per 15-s interval | RSS MiB |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'
for r in $(seq "$rounds"); do
  for who in ours node_exporter; do
    if [ "$who" = ours ]; then
      # shellcheck disable=SC2086
      start $port_ours bin/node-process-exporter --web.listen-address=127.0.0.1:$port_ours ${BOTH_FLAGS:-} ${OURS_FLAGS:-}
      url="http://127.0.0.1:$port_ours/metrics?exclude%5B%5D=process_detail"
    else
      # Debian's 1.5 enables systemd by default (upstream does not); kingpin refuses a flag given twice
      no_systemd=--no-collector.systemd
      case " ${BOTH_FLAGS:-} " in *" --collector.systemd "*) no_systemd= ;; esac
      # shellcheck disable=SC2086
      start $port_ne /usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:$port_ne $no_systemd ${BOTH_FLAGS:-}
      url="http://127.0.0.1:$port_ne/metrics"
    fi
    pid=$started
    for _ in 1 2 3 4; do curl -s -o /dev/null "$url"; sleep 0.2; done
    early=$(window "$pid" "$url" 40)
    for _ in $(seq 100); do curl -s -o /dev/null "$url"; done
    late=$(window "$pid" "$url" 40)
    rss=$(awk '/VmRSS/{print int($2 / 1024)}' "/proc/$pid/status")
    idle=$(idle_minute "$pid")
    printf '| %d | %s | %d | %d | %d | %d | %d |\n' "$r" "$who" "$early" "$late" "$idle" \
      $(( late + (idle + 2) / 4 )) "$rss"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    sleep 2
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
