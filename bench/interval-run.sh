#!/usr/bin/env bash
# Node collectors only, the way Prometheus scrapes them: node-process-exporter
# (exclude[]=process_detail) and node_exporter 1.5 started together and scraped together every
# INTERVAL seconds. Prints the CPU each has used since it was started (utime+stime of
# /proc/<pid>/stat: start-up, scrapes and everything between them), at checkpoints, and what one
# interval cost on average between two checkpoints; and the RSS at the end. --warmup W first
# scrapes each W times back to back (not timed apart), to measure the warm state without waiting
# for it at the interval.
# Usage: bench/interval-run.sh [--interval SEC] [--scrapes N] [--warmup W]
#        (defaults 15, 240 and 0: one hour from a cold start)
# Needs: target/node-process-exporter.jar (mvn package), /usr/bin/prometheus-node-exporter, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
interval=15; scrapes=240; warmup=0
while [ $# -gt 0 ]; do
  case $1 in
    --interval) interval=$2; shift 2 ;;
    --scrapes) scrapes=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "usage: $0 [--interval SEC] [--scrapes N] [--warmup W]" >&2; exit 2 ;;
  esac
done
for v in interval scrapes; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || { echo "--$v must be a positive integer, got '${!v}'" >&2; exit 2; }
done
[[ $warmup =~ ^[0-9]+$ ]] || { echo "--warmup must be a non-negative integer, got '$warmup'" >&2; exit 2; }
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
port_ours=29198; port_ne=29199
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

cpu_ms() { awk -v t="$tick_ms" '{print ($14 + $15) * t}' "/proc/$1/stat"; }
ready_path=/metrics/none
# shellcheck source=bench/lib.sh
. bench/lib.sh

# /metrics/none answers 404 (both exporters) without collecting: ready, and nothing scraped yet
start $port_ours bin/node-process-exporter --web.listen-address=127.0.0.1:$port_ours
ours=$started
start $port_ne /usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:$port_ne --no-collector.systemd
ne=$started
url_ours="http://127.0.0.1:$port_ours/metrics?exclude%5B%5D=process_detail"
url_ne="http://127.0.0.1:$port_ne/metrics"

printf '| scrapes | ours: CPU ms since start | node_exporter | ours: ms per interval since last line | node_exporter |\n'
printf '|---:|---:|---:|---:|---:|\n'
last_n=0; last_o=$(cpu_ms $ours); last_e=$(cpu_ms $ne)
printf '| 0 (started) | %d | %d | | |\n' "$last_o" "$last_e"
if [ "$warmup" -gt 0 ]; then
  for _ in $(seq "$warmup"); do curl -s -o /dev/null "$url_ours"; curl -s -o /dev/null "$url_ne"; done
  sleep "$interval"
  last_n=$warmup; last_o=$(cpu_ms $ours); last_e=$(cpu_ms $ne)
  printf '| %d (warm-up, back to back) | %d | %d | | |\n' "$warmup" "$last_o" "$last_e"
fi
next=$(date +%s.%N)
for n in $(seq $((warmup + 1)) $((warmup + scrapes))); do
  # the two in turns, first one then the other, so neither always scrapes a busier machine
  if (( n % 2 )); then
    curl -s -o /dev/null "$url_ours"; curl -s -o /dev/null "$url_ne"
  else
    curl -s -o /dev/null "$url_ne"; curl -s -o /dev/null "$url_ours"
  fi
  k=$((n - warmup))
  case $k in 1|5|10|20|45|100|150|200|300|400|500|$scrapes)
    # read just before the next scrape: the line includes the idle time after this one
    next=$(awk -v a="$next" -v i="$interval" 'BEGIN {printf "%.3f", a + i}')
    sleep "$(awk -v a="$next" -v b="$(date +%s.%N)" 'BEGIN {d = a - b - 0.05; print (d > 0 ? d : 0)}')"
    o=$(cpu_ms $ours); e=$(cpu_ms $ne)
    printf '| %d | %d | %d | %.1f | %.1f |\n' "$n" "$o" "$e" \
      "$(awk -v a="$o" -v b="$last_o" -v k=$((n - last_n)) 'BEGIN {print (a - b) / k}')" \
      "$(awk -v a="$e" -v b="$last_e" -v k=$((n - last_n)) 'BEGIN {print (a - b) / k}')"
    last_n=$n; last_o=$o; last_e=$e
    [ "$k" = "$scrapes" ] && break
    sleep "$(awk -v a="$next" -v b="$(date +%s.%N)" 'BEGIN {d = a - b; print (d > 0 ? d : 0)}')"
    continue ;;
  esac
  next=$(awk -v a="$next" -v i="$interval" 'BEGIN {printf "%.3f", a + i}')
  sleep "$(awk -v a="$next" -v b="$(date +%s.%N)" 'BEGIN {d = a - b; print (d > 0 ? d : 0)}')"
done
printf '\nRSS at the end: ours %s MiB, node_exporter %s MiB; load average %s\n' \
  "$(awk '/VmRSS/{printf "%.1f", $2 / 1024}' /proc/$ours/status)" \
  "$(awk '/VmRSS/{printf "%.1f", $2 / 1024}' /proc/$ne/status)" "$(cut -d' ' -f1-3 /proc/loadavg)"
