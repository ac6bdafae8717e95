# Shared by the side-by-side benchmarks (sourced): CPU of a process, CPU per scrape over a window,
# starting an exporter in the background. Expects tick_ms and the array pids (to kill at the end).

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# ms of CPU per scrape for N scrapes of URL by PID, 0.2 s apart
window() {
  local pid=$1 url=$2 n=$3 a b
  a=$(cpu "$pid")
  for _ in $(seq "$n"); do curl -s -o /dev/null "$url"; sleep 0.2; done
  b=$(cpu "$pid")
  echo $(( (b - a) * tick_ms / n ))
}

started=
ready_path=${ready_path:-/metrics} # what start() polls; /metrics/none answers 404 without collecting
start() { # port command...: starts it in the background (in $started), waits for $ready_path
  local port=$1; shift
  "$@" > /dev/null 2>&1 &
  started=$!
  pids+=("$started")
  until curl -s -o /dev/null "http://127.0.0.1:$port$ready_path"; do
    if ! kill -0 "$started" 2>/dev/null; then
      echo "$1 exited at start: $*" >&2
      "$@" 2>&1 | tail -3 >&2 # once more, to show why
      exit 1
    fi
    sleep 0.01
  done
}
