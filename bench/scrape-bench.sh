#!/usr/bin/env bash
# Scrape cost of node-process-exporter side by side with node_exporter, process-exporter and
# `ss -tanpu`, all in one run, on one workload of many processes, threads and sockets.
# See bench/README.md for what every number means. Builds nothing: run
#   mvn -q -B package -DskipTests
# in the repository root first (it produces target/node-process-exporter.jar).
set -uo pipefail

usage() {
  cat <<'EOF'
usage: bench/scrape-bench.sh [options]
  --procs N          workload processes (default 500; 0 = no workload)
  --sockets S        workload sockets, approx. (default 2300 + 4.67*N: ~5,000 at 580, ~12,000 at 2,080)
  --threads T        child i gets i % (T+1) extra sleeping threads (default 4: ~3 threads/process)
  --scrapes K        measured scrapes per exporter and mode (default 20)
  --warmup W         unmeasured scrapes before them (default 5)
  --pause SEC        pause between measured scrapes (default 0.2)
  --port-base P      first of 4 loopback ports (default 29100)
  --startup-runs R   launches for the start-to-first-scrape test (default 3; 0 skips it and the
                     100-scrape idle RSS test)
  --gzip             scrape with Accept-Encoding: gzip, as Prometheus does (default: plain text)
  --pe-threads       run process-exporter with -threads=true (default -threads=false, see README)
  --out DIR          where the result files go (default bench/results)
  --keep DIR         also copy the last response of every exporter/mode and the exporters' logs there
  -h, --help
EOF
}

bench_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
procs=500; sockets=; extra_threads=4; scrapes=20; warmup=5; pause=0.2; port_base=29100
startup_runs=3; gzip=0; pe_threads=false; out_dir=$bench_dir/results; keep_dir=
while [ $# -gt 0 ]; do
  case $1 in
    --procs) procs=$2; shift 2 ;;
    --sockets) sockets=$2; shift 2 ;;
    --threads) extra_threads=$2; shift 2 ;;
    --scrapes) scrapes=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --pause) pause=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --startup-runs) startup_runs=$2; shift 2 ;;
    --gzip) gzip=1; shift ;;
    --pe-threads) pe_threads=true; shift ;;
    --out) out_dir=$2; shift 2 ;;
    --keep) keep_dir=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "scrape-bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for v in procs extra_threads scrapes warmup port_base startup_runs; do
  case ${!v} in ''|*[!0-9]*) echo "scrape-bench: --${v//_/-} wants a whole number, got '${!v}'" >&2; exit 2 ;; esac
done
if [ "$procs" -eq 1 ]; then echo "scrape-bench: --procs must be 0 or >= 2" >&2; exit 2; fi
if [ -z "$sockets" ]; then sockets=$(( procs == 0 ? 0 : 2300 + procs * 467 / 100 )); fi
# every child: one TCP listener + one UDP socket; every connection: two ESTABLISHED sockets
conns=$(( (sockets - 2 * procs) / 2 )); [ "$conns" -lt 0 ] && conns=0

jar=${NODE_PROCESS_EXPORTER_JAR:-$repo/target/node-process-exporter.jar}
launcher=$repo/bin/node-process-exporter
node_exporter=/usr/bin/prometheus-node-exporter
process_exporter=/usr/bin/prometheus-process-exporter
missing=0
[ -f "$jar" ] || { echo "scrape-bench: $jar not found; build it with 'mvn -q -B package -DskipTests' in $repo" >&2; missing=1; }
for f in "$launcher" "$node_exporter" "$process_exporter"; do
  [ -x "$f" ] || { echo "scrape-bench: $f not found or not executable" >&2; missing=1; }
done
for c in curl python3; do command -v $c >/dev/null || { echo "scrape-bench: $c is required" >&2; missing=1; }; done
if [ "$procs" -gt 0 ] && ! command -v gcc >/dev/null; then echo "scrape-bench: gcc is required for the workload" >&2; missing=1; fi
[ $missing -eq 0 ] || exit 1
export NODE_PROCESS_EXPORTER_JAR=$jar

clk_tck=$(getconf CLK_TCK)
have_ss=0; command -v ss >/dev/null && have_ss=1
port_ours=$port_base; port_ne=$((port_base + 1)); port_pe=$((port_base + 2)); port_start=$((port_base + 3))
for p in $port_ours $port_ne $port_pe $port_start; do
  if [ $have_ss -eq 1 ] && [ -n "$(ss -ltnH "sport = :$p" 2>/dev/null)" ]; then
    echo "scrape-bench: port $p is in use; pick others with --port-base" >&2; exit 1
  fi
done

tmp=$(mktemp -d /tmp/scrape-bench.XXXXXX)
pids=()        # every process we started; killed on exit
wl_pid=

cleanup() {
  trap - EXIT INT TERM HUP
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  sleep 0.3
  # anything left of the workload (its parent leads its own process group)
  if [ -n "$wl_pid" ] && pgrep -g "$wl_pid" >/dev/null; then kill -KILL -- "-$wl_pid" 2>/dev/null; fi
  # and wait (up to 10 s) until the kernel has really torn them down, so a following run or
  # `pgrep bench-wl` does not see them
  local n=0
  while [ -n "$wl_pid" ] && pgrep -g "$wl_pid" >/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "scrape-bench: interrupted" >&2; exit 130' INT TERM HUP

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

curl_opts=(-s --max-time 120)
[ $gzip -eq 1 ] && curl_opts+=(--compressed)

# utime+stime of a whole process (all its threads, live and exited), in ticks
cpu_ticks() {
  local line rest f
  read -r line < "/proc/$1/stat" || { echo 0; return; }
  rest=${line##*) }
  read -r -a f <<< "$rest"
  echo $(( f[11] + f[12] ))
}
# busy ticks of the whole machine (all CPUs), from /proc/stat
machine_busy_ticks() {
  local cpu user nice system idle iowait irq softirq steal rest
  read -r cpu user nice system idle iowait irq softirq steal rest < /proc/stat
  echo $(( user + nice + system + irq + softirq + steal ))
}
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null; }
now_ns() { date +%s%N; }

wait_http() { # pid url timeout_s -> 0 when the url answers 200
  local pid=$1 url=$2 deadline=$(( $(date +%s) + $3 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$url")" = 200 ] && return 0
    sleep 0.05
  done
  return 1
}

raw=$tmp/raw.tsv
summary=$tmp/summary.tsv
printf 'target\tmode\ti\tlatency_s\tcpu_ticks\tbytes\tcode\n' > "$raw"
printf 'target\tmode\trss_kib\thwm_kib\tseries\tbytes\tblock_cpu_ticks\tblock_wall_s\tother_busy_ticks\n' > "$summary"

# measure TARGET MODE PID URL: warm-up, then $scrapes timed scrapes, then one summary line
measure() {
  local target=$1 mode=$2 pid=$3 url=$4 i w c0 c1 res code lat bytes
  log "scraping $target $mode ($url): $warmup warm-up + $scrapes measured"
  for ((w = 0; w < warmup; w++)); do curl "${curl_opts[@]}" -o /dev/null "$url"; done
  local b0 bc0 t0 b1 bc1 t1
  b0=$(machine_busy_ticks); bc0=$(cpu_ticks "$pid"); t0=$(now_ns)
  for ((i = 1; i <= scrapes; i++)); do
    c0=$(cpu_ticks "$pid")
    res=$(curl "${curl_opts[@]}" -o "$tmp/resp" -w '%{http_code} %{time_total} %{size_download}' "$url")
    c1=$(cpu_ticks "$pid")
    read -r code lat bytes <<< "$res"
    printf '%s\t%s\t%d\t%s\t%d\t%s\t%s\n' "$target" "$mode" "$i" "$lat" $((c1 - c0)) "$bytes" "$code" >> "$raw"
    [ "$code" = 200 ] || log "  scrape $i of $target $mode: HTTP $code"
    [ $i -lt "$scrapes" ] && sleep "$pause"
  done
  b1=$(machine_busy_ticks); bc1=$(cpu_ticks "$pid"); t1=$(now_ns)
  local series; series=$(grep -cv -e '^#' -e '^$' "$tmp/resp")
  cp "$tmp/resp" "$tmp/last-$target-$mode.txt"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%d\n' "$target" "$mode" "$(status_kib "$pid" VmRSS)" \
    "$(status_kib "$pid" VmHWM)" "$series" "$(stat -c %s "$tmp/resp")" $((bc1 - bc0)) \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" \
    $(( (b1 - b0) - (bc1 - bc0) )) >> "$summary"
}

# ss -tanpu, K times: latency, CPU (user+sys of the child) and max RSS from getrusage
measure_ss() {
  log "timing ss -tanpu: $warmup warm-up + $scrapes measured"
  local b0 t0 b1 t1
  b0=$(machine_busy_ticks); t0=$(now_ns)
  # in the background + wait, so that a SIGTERM to this script is handled at once, not after the loop
  python3 - "$scrapes" "$warmup" "$clk_tck" "$tmp/resp" "$raw" "$tmp/ss-extra" <<'EOF' &
import os, resource, subprocess, sys, time
import signal
signal.signal(signal.SIGINT, lambda *_: sys.exit(130))  # Ctrl-C: no traceback, the shell's trap cleans up
k, w, clk, resp, raw, extra = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
for _ in range(w):
    subprocess.run(["ss", "-tanpu"], stdout=subprocess.DEVNULL, check=True)
rows, maxrss = [], 0
for i in range(1, k + 1):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    with open(resp, "wb") as f:
        subprocess.run(["ss", "-tanpu"], stdout=f, check=True)
    lat = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    maxrss = max(maxrss, after.ru_maxrss)
    rows.append(f"ss\t-tanpu\t{i}\t{lat:.6f}\t{cpu * clk:.3f}\t{os.path.getsize(resp)}\t200\n")
    time.sleep(0.05)
with open(raw, "a") as f:
    f.writelines(rows)
with open(extra, "w") as f:
    f.write(str(maxrss))
EOF
  local py=$!; pids+=("$py")
  wait "$py" || { log "timing ss failed"; exit 1; }
  unset 'pids[-1]'
  b1=$(machine_busy_ticks); t1=$(now_ns)
  local sockets_listed; sockets_listed=$(( $(wc -l < "$tmp/resp") - 1 ))
  local cpu_total; cpu_total=$(awk -F'\t' '$1 == "ss" { s += $5 } END { printf "%d", s }' "$raw")
  printf 'ss\t-tanpu\t%s\t%s\t%s\t%s\t%d\t%s\t%d\n' "$(cat "$tmp/ss-extra")" "$(cat "$tmp/ss-extra")" \
    "$sockets_listed" "$(stat -c %s "$tmp/resp")" "$cpu_total" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" \
    $(( (b1 - b0) - cpu_total )) >> "$summary"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -Iseconds)
log "load average before: $load_before (uptime: $(uptime))"

# ---- 1. start-to-first-scrape and idle RSS after 100 scrapes (no workload) -------------------------
startup_ms=(); idle_rss_kib=; idle_hwm_kib=; idle_series=
if [ "$startup_runs" -gt 0 ]; then
  for ((r = 1; r <= startup_runs; r++)); do
    t0=$(now_ns)
    "$launcher" --web.listen-address=127.0.0.1:$port_start > "$tmp/startup-$r.log" 2>&1 &
    sp=$!; pids+=("$sp")
    ok=0
    while kill -0 "$sp" 2>/dev/null; do
      if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port_start/metrics")" = 200 ]; then
        ok=1; break
      fi
      sleep 0.01
    done
    t1=$(now_ns)
    if [ $ok -ne 1 ]; then log "our exporter died during start-up:"; tail -20 "$tmp/startup-$r.log" >&2; exit 1; fi
    startup_ms+=($(( (t1 - t0) / 1000000 )))
    log "start-up run $r: first 200 from /metrics after ${startup_ms[-1]} ms"
    if [ "$r" -eq "$startup_runs" ]; then
      log "100 scrapes with default flags, no workload"
      for ((i = 0; i < 100; i++)); do curl "${curl_opts[@]}" -o "$tmp/resp" "http://127.0.0.1:$port_start/metrics"; done
      idle_rss_kib=$(status_kib "$sp" VmRSS); idle_hwm_kib=$(status_kib "$sp" VmHWM)
      idle_series=$(grep -cv -e '^#' -e '^$' "$tmp/resp")
    fi
    kill -TERM "$sp"; wait "$sp" 2>/dev/null
    unset 'pids[-1]'
  done
fi

# ---- 2. workload ------------------------------------------------------------------------------------
wl_procs=0; wl_threads=0; wl_sockets=0; wl_rss_mib=0
if [ "$procs" -gt 0 ]; then
  gcc -O2 -pthread -o "$tmp/workload" "$bench_dir/workload.c" || exit 1
  log "starting workload: $procs processes, $conns loopback TCP connections, up to $extra_threads extra threads each"
  "$tmp/workload" "$procs" "$conns" "$extra_threads" > "$tmp/workload.out" 2> "$tmp/workload.err" &
  wl_pid=$!; pids+=("$wl_pid")
  deadline=$(( $(date +%s) + 180 ))
  until grep -q '^ready' "$tmp/workload.out" 2>/dev/null; do
    if ! kill -0 "$wl_pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      log "workload did not become ready:"; cat "$tmp/workload.err" >&2; exit 1
    fi
    sleep 0.1
  done
  mapfile -t wl_members < <(pgrep -g "$wl_pid")
  wl_procs=${#wl_members[@]}
  wl_threads=$(printf '/proc/%s/status\n' "${wl_members[@]}" | xargs awk '/^Threads:/ { s += $2 } END { print s + 0 }' 2>/dev/null)
  wl_sockets=$(printf '/proc/%s/fd\n' "${wl_members[@]}" | xargs -I{} find {} -lname 'socket:*' 2>/dev/null | wc -l)
  wl_rss_mib=$(printf '/proc/%s/status\n' "${wl_members[@]}" | xargs awk '/^VmRSS:/ { s += $2 } END { printf "%.0f", s / 1024 }' 2>/dev/null)
  log "workload ready: $wl_procs processes, $wl_threads threads, $wl_sockets sockets, ${wl_rss_mib} MiB RSS"
fi
host_procs=$(find /proc -maxdepth 1 -name '[0-9]*' | wc -l)
host_threads=$(find /proc/[0-9]*/task -maxdepth 1 -mindepth 1 -name '[0-9]*' 2>/dev/null | wc -l)
sockstat=$(tr '\n' ';' < /proc/net/sockstat)
host_tcp=$(awk '$1 == "TCP:" { print $3 }' /proc/net/sockstat)
host_udp=$(awk '$1 == "UDP:" { print $3 }' /proc/net/sockstat)
host_tcp6=$(awk '$1 == "TCP6:" { print $3 }' /proc/net/sockstat6 2>/dev/null)
host_udp6=$(awk '$1 == "UDP6:" { print $3 }' /proc/net/sockstat6 2>/dev/null)
ss_total=; [ $have_ss -eq 1 ] && ss_total=$(ss -s | awk '/^Total:/ { print $2 }')

# ---- 3. exporters -----------------------------------------------------------------------------------
cat > "$tmp/process-exporter.yml" <<'EOF'
process_names:
  - name: "{{.Comm}}_{{.PID}}"
    cmdline:
      - '.+'
EOF
"$launcher" --web.listen-address=127.0.0.1:$port_ours > "$tmp/ours.log" 2>&1 &
ours_pid=$!; pids+=("$ours_pid")
"$node_exporter" --web.listen-address=127.0.0.1:$port_ne --no-collector.systemd > "$tmp/node_exporter.log" 2>&1 &
ne_pid=$!; pids+=("$ne_pid")
"$process_exporter" -config.path "$tmp/process-exporter.yml" -threads=$pe_threads \
  -web.listen-address 127.0.0.1:$port_pe > "$tmp/process-exporter.log" 2>&1 &
pe_pid=$!; pids+=("$pe_pid")
for t in "ours $ours_pid $port_ours" "node_exporter $ne_pid $port_ne" "process-exporter $pe_pid $port_pe"; do
  set -- $t
  if ! wait_http "$2" "http://127.0.0.1:$3/metrics" 120; then
    log "$1 did not come up:"; tail -20 "$tmp/$1.log" >&2; exit 1
  fi
done

# ---- 4. measurements --------------------------------------------------------------------------------
[ $have_ss -eq 1 ] && measure_ss
measure node_exporter "default -systemd" "$ne_pid" "http://127.0.0.1:$port_ne/metrics"
measure process-exporter "threads=$pe_threads" "$pe_pid" "http://127.0.0.1:$port_pe/metrics"
measure node-process-exporter "all" "$ours_pid" "http://127.0.0.1:$port_ours/metrics"
measure node-process-exporter "process_detail only" "$ours_pid" "http://127.0.0.1:$port_ours/metrics?collect%5B%5D=process_detail"
measure node-process-exporter "node only" "$ours_pid" "http://127.0.0.1:$port_ours/metrics?exclude%5B%5D=process_detail"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average after: $load_after"

# ---- 5. report --------------------------------------------------------------------------------------
netstat_series=$(grep -c '^namedprocess_namegroup_netstat{' "$tmp/last-node-process-exporter-process_detail only.txt")
pe_groups=$(grep -c '^namedprocess_namegroup_num_procs{' "$tmp/last-process-exporter-threads=$pe_threads.txt")
ours_groups=$(grep -c '^namedprocess_namegroup_num_procs{' "$tmp/last-node-process-exporter-process_detail only.txt")
# process-exporter keeps reporting a group after its last process exited, with num_procs 0
pe_stale=$(grep '^namedprocess_namegroup_num_procs{' "$tmp/last-process-exporter-threads=$pe_threads.txt" | awk '$2 == 0' | wc -l)
ours_stale=$(grep '^namedprocess_namegroup_num_procs{' "$tmp/last-node-process-exporter-process_detail only.txt" | awk '$2 == 0' | wc -l)
ours_errs=$(grep -ciE 'error|exception|warn' "$tmp/ours.log")
ne_errs=$(grep -ciE 'level=(error|warn)' "$tmp/node_exporter.log")
pe_errs=$(grep -ciE 'error' "$tmp/process-exporter.log")
scrape_errs=$(grep -E '^namedprocess_scrape_(partial_|procread_)?errors ' "$tmp/last-node-process-exporter-process_detail only.txt" | tr '\n' ' ')
pe_scrape_errs=$(grep -E '^namedprocess_scrape_(partial_|procread_)?errors ' "$tmp/last-process-exporter-threads=$pe_threads.txt" | tr '\n' ' ')
failed_collectors=$(grep -E '^node_scrape_collector_success\{.*\} 0' "$tmp/last-node-process-exporter-all.txt" | sed -E 's/.*collector="([^"]*)".*/\1/' | tr '\n' ' ')

mkdir -p "$out_dir"
stem=$out_dir/$(date +%F)-$procs
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (+ uncommitted changes)")
jar_time=$(date -r "$jar" '+%F %T')
cp "$raw" "$stem.tsv"

python3 - "$raw" "$summary" "$clk_tck" > "$tmp/table.md" <<'EOF'
import csv, statistics, sys
raw, summary, clk = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.DictReader(open(raw), delimiter="\t"))
summ = list(csv.DictReader(open(summary), delimiter="\t"))
def pct(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
print("| exporter | mode | scrapes | latency median s | latency p90 s | CPU-s/scrape (mean) | CPU-s/scrape incl. gaps | RSS MiB after | peak RSS MiB | series | response KiB | other load (cores) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for s in summ:
    rs = [r for r in rows if r["target"] == s["target"] and r["mode"] == s["mode"]]
    lat = [float(r["latency_s"]) for r in rs]
    cpu = [float(r["cpu_ticks"]) / clk for r in rs]
    bad = sum(1 for r in rs if r["code"] != "200")
    n = f"{len(rs)}" + (f" ({bad} failed)" if bad else "")
    wall = float(s["block_wall_s"])
    other = int(s["other_busy_ticks"]) / clk / wall if wall > 0 else 0
    mib = lambda kib: f"{int(kib) / 1024:.1f}" if kib else "-"
    gaps = int(s["block_cpu_ticks"]) / clk / len(rs) if rs else 0
    series = s["series"] + (" sockets" if s["target"] == "ss" else "")
    print(f"| {s['target']} | {s['mode']} | {n} | {statistics.median(lat):.3f} | {pct(lat, 0.9):.3f} | "
          f"{statistics.mean(cpu):.3f} | {gaps:.3f} | {mib(s['rss_kib'])} | {mib(s['hwm_kib'])} | {series} | "
          f"{int(s['bytes']) / 1024:.0f} | {other:.2f} |")
EOF

{
  echo "# Scrape benchmark: --procs $procs, $(date '+%F %T %Z')"
  echo
  echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)." \
       "Load average before: $load_before; after: $load_after (shared machine, other builds running)."
  echo "node-process-exporter: commit $commit$dirty, jar built $jar_time, launched via bin/node-process-exporter."
  echo "node_exporter 1.5.0 (--no-collector.systemd), process-exporter 0.7.10 (-threads=$pe_threads, smaps on," \
       "one group per process: {{.Comm}}_{{.PID}} for cmdline .+). Scrapes: $warmup warm-up + $scrapes measured," \
       "${pause}s apart, $([ $gzip -eq 1 ] && echo 'gzip' || echo 'plain text, no gzip'); CLK_TCK $clk_tck."
  echo
  echo "## Workload"
  echo
  echo "| | processes | threads | TCP sockets | UDP sockets | all sockets |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| benchmark workload | $wl_procs | $wl_threads | $(( wl_sockets - (procs > 0 ? procs : 0) )) | $(( procs > 0 ? procs : 0 )) | $wl_sockets |"
  echo "| whole host | $host_procs | $host_threads | ${host_tcp:-?} (+${host_tcp6:-0} v6) | ${host_udp:-?} (+${host_udp6:-0} v6) | ${ss_total:-?} (ss -s Total) |"
  echo
  echo "Workload: $procs forked C children in pairs ($conns loopback TCP connections in all), each with a TCP listener" \
       "and an unconnected UDP socket, up to $extra_threads extra sleeping threads; ${wl_rss_mib} MiB RSS in all."
  echo "/proc/net/sockstat: \`$sockstat\`"
  echo
  echo "## Scrape cost"
  echo
  cat "$tmp/table.md"
  echo
  echo "- process groups in the last scrape: node-process-exporter $ours_groups ($ours_stale with num_procs 0)," \
       "process-exporter $pe_groups ($pe_stale with num_procs 0: groups of exited processes that it keeps reporting);" \
       "node-process-exporter netstat series: $netstat_series."
  echo "- node-process-exporter process_detail error counters: ${scrape_errs:-none}; process-exporter: ${pe_scrape_errs:-none}."
  echo "- collectors failing in node-process-exporter (node_scrape_collector_success 0): ${failed_collectors:-none}."
  echo "- log lines mentioning errors/warnings: node-process-exporter $ours_errs, node_exporter $ne_errs, process-exporter $pe_errs."
  for f in ours node_exporter process-exporter; do
    if grep -qiE 'error|exception|warn' "$tmp/$f.log"; then
      echo "- first such lines from $f:"; echo '  ```'
      grep -iE 'error|exception|warn' "$tmp/$f.log" | head -5 | cut -c1-300 | sed 's/^/  /'; echo '  ```'
    fi
  done
  if [ "$startup_runs" -gt 0 ]; then
    echo
    echo "## node-process-exporter start-up and idle memory (no benchmark workload, default flags)"
    echo
    echo "- launch to first 200 from /metrics (polled every 10 ms): ${startup_ms[*]} ms (target < 1000 ms)"
    echo "- after 100 scrapes: VmRSS $(awk "BEGIN { printf \"%.1f\", $idle_rss_kib / 1024 }") MiB, VmHWM $(awk "BEGIN { printf \"%.1f\", $idle_hwm_kib / 1024 }") MiB (target <= 64 MiB), $idle_series series"
  fi
  echo
  echo "Raw per-scrape numbers: \`$(basename "$stem").tsv\` (latency in s, CPU in ticks of 1/$clk_tck s)."
} > "$stem.md"

if [ -n "$keep_dir" ]; then
  mkdir -p "$keep_dir" && cp "$tmp"/last-*.txt "$tmp"/*.log "$tmp/process-exporter.yml" "$keep_dir"/ && log "responses and logs kept in $keep_dir"
fi
cat "$stem.md"
log "written $stem.md and $stem.tsv"
