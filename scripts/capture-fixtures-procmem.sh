#!/bin/sh
# Writes the fixtures of the buddyinfo, zoneinfo, meminfo_numa, slabinfo, ksmd, swap, processes,
# interrupts and softirqs collectors. Captured from this machine where it has the file (as root:
# /proc/slabinfo is readable by root only); trimmed where the whole file would make the collector
# tests' expected text hundreds of lines. Written by hand from the kernel's formats where this
# machine has nothing to show: a second NUMA node (it has one) and swap areas (it has none),
# following drivers/base/node.c (node_read_meminfo, node_read_numastat) and mm/swapfile.c
# (swap_show). processes reads the pid directories of capture-proc-fixtures.sh. Run from the
# repository root; review the diff, the tests assert the exact values.
set -eu
F=src/test/resources/fixtures
P=$F/proc
S=$F/sys
mkdir -p "$P/sys/kernel" "$S/kernel/mm/ksm" "$S/devices/system/node/node0" "$S/devices/system/node/node1"

cat /proc/buddyinfo > "$P/buddyinfo"
cat /proc/zoneinfo > "$P/zoneinfo"
cat /proc/softirqs > "$P/softirqs"
# the header, three IO-APIC and MSI-X lines, named rows, and the one-count ERR and MIS rows
awk 'NR == 1 || /^ *(24|26|41):/ || /^ *(NMI|LOC|CAL|ERR|MIS):/' /proc/interrupts > "$P/interrupts"
# the two header lines and six caches
awk 'NR <= 2 || /^(dentry|inode_cache|kmalloc-64|kmalloc-rcl-64|task_struct|TCP) /' /proc/slabinfo > "$P/slabinfo"
cat /proc/sys/kernel/pid_max > "$P/sys/kernel/pid_max"
cat /proc/sys/kernel/threads-max > "$P/sys/kernel/threads-max"
for f in full_scans merge_across_nodes pages_shared pages_sharing pages_to_scan pages_unshared pages_volatile \
         run sleep_millisecs; do
  cat "/sys/kernel/mm/ksm/$f" > "$S/kernel/mm/ksm/$f"
done

n=/sys/devices/system/node/node0
cat $n/meminfo > "$S/devices/system/node/node0/meminfo"
cat $n/numastat > "$S/devices/system/node/node0/numastat"
# node1 by hand: node0's fields with other values, as node_read_meminfo prints them
awk '{ v = $4; if ($3 ~ /^(MemTotal|MemFree|MemUsed):/) v = int(v / 2); else v = int(v / 3);
       if (NF == 5) printf "Node 1 %-15s %8d kB\n", $3, v; else printf "Node 1 %-15s %5d\n", $3, v }' \
    $n/meminfo > "$S/devices/system/node/node1/meminfo"
printf '%s\n' 'numa_hit 1234567' 'numa_miss 89' 'numa_foreign 12' 'interleave_hit 345' 'local_node 1234000' \
    'other_node 567' > "$S/devices/system/node/node1/numastat"

# swap: the header as the kernel prints it, then a partition and a file whose name has a blank
# (printed as \040), priorities as swapon gives them (-2, -3) unless set
{ head -n 1 /proc/swaps
  printf '%-40s%s\t\t%u\t\t%u\t\t%d\n' /dev/vdb2 partition 8388604 1024 -2
  printf '%-40s%s\t\t%u\t\t%u\t\t%d\n' '/var/swap\040file' file 1048572 0 10; } > "$P/swaps"
