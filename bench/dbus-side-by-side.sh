#!/usr/bin/env bash
# The systemd and logind collectors: CPU per scrape of node-process-exporter and of node_exporter 1.5
# against the same real systemd (booted here in an nspawn container by the test support class
# NspawnSystemd, ~200 units, one logind session), and what turning them on costs our exporter in
# RSS, threads and idle CPU.
# Usage: bench/dbus-side-by-side.sh        (~6 minutes; needs root, mvn package, mvn test-compile)
# Needs: target/node-process-exporter.jar, target/test-classes, /usr/bin/prometheus-node-exporter,
# curl, systemd-container, dbus.
# Prints: ms of CPU (utime+stime) per scrape of systemd+logind over scrapes 5-45 ("early") and
# 300-340 ("late"), 0.2 s apart, for both exporters with every systemd flag on; then for ours with
# the default collectors, without and with --collector.systemd --collector.logind: RSS and threads
# after 150 scrapes of everything, and the CPU of a minute without scrapes.
set -euo pipefail
cd "$(dirname "$0")/.."
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
port_ours=29296; port_ne=29297
pids=()
syspid=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # closing its stdin stops the container (a kill would leave it running)
  if [ -n "$syspid" ]; then eval "exec ${SYSTEMD[1]}>&-"; wait "$syspid" 2>/dev/null || true; fi
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. bench/lib.sh

cp=$(mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
coproc SYSTEMD { exec java -cp "target/test-classes:target/classes:$cp" org.nodeprocessexporter.testsupport.NspawnSystemd; }
syspid=$SYSTEMD_PID
read -r ready address <&"${SYSTEMD[0]}"
[ "$ready" = ready ] || { echo "container did not boot" >&2; exit 1; }
export DBUS_SYSTEM_BUS_ADDRESS=$address

flags=(--collector.disable-defaults --collector.systemd --collector.logind
  '--collector.systemd.unit-exclude=.+\.(automount|device|mount|scope|slice)'
  --collector.systemd.enable-task-metrics --collector.systemd.enable-restarts-metrics
  --collector.systemd.enable-start-time-metrics)

printf '| exporter | early ms/scrape | late ms/scrape | series |\n|---|---:|---:|---:|\n'
for who in ours node_exporter; do
  if [ "$who" = ours ]; then
    start $port_ours bin/node-process-exporter --web.listen-address=127.0.0.1:$port_ours "${flags[@]}"
    url="http://127.0.0.1:$port_ours/metrics"
  else
    start $port_ne /usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:$port_ne "${flags[@]}"
    url="http://127.0.0.1:$port_ne/metrics"
  fi
  pid=$started
  for _ in 1 2 3 4; do curl -s -o /dev/null "$url"; sleep 0.2; done
  early=$(window "$pid" "$url" 40)
  for _ in $(seq 250); do curl -s -o /dev/null "$url"; done
  late=$(window "$pid" "$url" 40)
  series=$(curl -s "$url" | grep -c -E '^node_(systemd|logind)_')
  printf '| %s | %d | %d | %d |\n' "$who" "$early" "$late" "$series"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

printf '\n| ours | RSS MiB after 150 scrapes | threads | idle ms/min |\n|---|---:|---:|---:|\n'
for set in defaults defaults+systemd+logind; do
  extra=()
  [ "$set" = defaults ] || extra=(--collector.systemd --collector.logind)
  start $port_ours bin/node-process-exporter --web.listen-address=127.0.0.1:$port_ours "${extra[@]}"
  pid=$started
  for _ in $(seq 150); do curl -s -o /dev/null "http://127.0.0.1:$port_ours/metrics"; done
  rss=$(awk '/VmRSS/{printf "%.1f", $2 / 1024}' "/proc/$pid/status")
  threads=$(ls "/proc/$pid/task" | wc -l)
  sleep 70 # past the D-Bus deadline timer's keep-alive
  a=$(cpu "$pid"); sleep 60; b=$(cpu "$pid")
  printf '| %s | %s | %d | %d |\n' "$set" "$rss" "$threads" $(( (b - a) * tick_ms ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
