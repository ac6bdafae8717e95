#!/usr/bin/env bash
# Every collector on: node-process-exporter with all 80 (process_detail included) against
# node_exporter 1.5 with every collector it has, in turns on one machine.
# Usage: bench/all-collectors.sh [ROUNDS]   (default 2; ~3 minutes per round, then ~2 minutes)
# Needs: target/node-process-exporter.jar (mvn package), /usr/bin/prometheus-node-exporter, curl.
# 1. node collectors: node-side-by-side.sh with the off-by-default collectors both have turned on
#    for both, and the six only 1.12 has for ours (process_detail left out of our scrape by
#    exclude[], node_exporter has none). Collectors whose daemon is not running here (ntp,
#    supervisord, systemd, logind without a system bus) fail fast on both sides alike.
# 2. the whole exporter, process_detail scraped too: RSS and peak RSS after 300 scrapes.
set -euo pipefail
cd "$(dirname "$0")/.."
both=(buddyinfo cgroups drbd drm ethtool interrupts ksmd lnstat logind meminfo_numa mountstats network_route
  ntp perf processes qdisc runit slabinfo supervisord sysctl systemd tcpstat wifi zoneinfo)
ours=(cpu_vulnerabilities nvmesubsystem pcidevice softirqs swap xfrm)
BOTH_FLAGS=$(printf -- '--collector.%s ' "${both[@]}")
OURS_FLAGS=$(printf -- '--collector.%s ' "${ours[@]}")
export BOTH_FLAGS OURS_FLAGS
bench/node-side-by-side.sh "${1:-2}"

port=29198
# shellcheck disable=SC2086
bin/node-process-exporter --web.listen-address=127.0.0.1:$port $BOTH_FLAGS $OURS_FLAGS > /dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; do sleep 0.05; done
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; sleep 0.1; done
series=$(curl -s "http://127.0.0.1:$port/metrics" | grep -vc '^#')
failed=$(curl -s "http://127.0.0.1:$port/metrics" | grep '^node_scrape_collector_success' | grep -c ' 0.0$' || true)
printf '\nwhole exporter, every collector, 300 scrapes 0.1 s apart: RSS %s MiB, peak %s MiB, %s series, %s collectors without data here\n' \
  "$(awk '/VmRSS/{printf "%.1f", $2 / 1024}' /proc/$pid/status)" "$(awk '/VmHWM/{printf "%.1f", $2 / 1024}' /proc/$pid/status)" \
  "$series" "$failed"
