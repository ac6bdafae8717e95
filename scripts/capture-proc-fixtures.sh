#!/bin/sh
# Copies the /proc files the procfs readers parse, for a few real processes, into
# src/test/resources/fixtures/proc/<pid>/... so parser tests run on real kernel output.
# Usage: scripts/capture-proc-fixtures.sh [PID...]
# Default: this shell ($$), pid 1, the process with the most threads, and kernel thread 2.
# Net tables are trimmed to their first 40 lines; unreadable files are skipped.
set -eu

cd "$(dirname "$0")/.."
out=src/test/resources/fixtures/proc
proc=${PROC_ROOT:-/proc}

if [ $# -eq 0 ]; then
    most_threads=$(ps -eo pid=,nlwp= | sort -k2 -n | tail -1 | awk '{print $1}')
    set -- $$ 1 "$most_threads" 2
fi

copy() { # src dst
    mkdir -p "$(dirname "$2")"
    # cat, not cp: /proc files report size 0
    cat "$1" > "$2" 2>/dev/null || { rm -f "$2"; echo "skipped $1" >&2; }
}

for pid in "$@"; do
    [ -d "$proc/$pid" ] || { echo "no such pid $pid" >&2; continue; }
    dst=$out/$pid
    rm -rf "$dst"
    for f in stat status io limits smaps_rollup cgroup; do
        copy "$proc/$pid/$f" "$dst/$f"
    done
    # the first three threads
    for tid in $(ls "$proc/$pid/task" | sort -n | head -3); do
        copy "$proc/$pid/task/$tid/stat" "$dst/task/$tid/stat"
        copy "$proc/$pid/task/$tid/status" "$dst/task/$tid/status"
        copy "$proc/$pid/task/$tid/schedstat" "$dst/task/$tid/schedstat"
        copy "$proc/$pid/task/$tid/wchan" "$dst/task/$tid/wchan"
    done
    for t in tcp tcp6 udp udp6; do
        mkdir -p "$dst/net"
        head -40 "$proc/$pid/net/$t" > "$dst/net/$t" 2>/dev/null || rm -f "$dst/net/$t"
    done
done

mkdir -p "$out/self"
cat "$proc/self/auxv" > "$out/self/auxv"
echo "captured into $out: $*"
