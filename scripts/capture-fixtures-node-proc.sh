#!/bin/sh
# Copies this machine's /proc files read by the cpu, stat, vmstat, netstat, netdev, sockstat,
# filefd, entropy, pressure, softnet, conntrack, udp_queues, arp and os collectors into the shared
# fixture tree. Big tables are trimmed. Files for hardware or features this machine lacks
# (thermal throttle, schedstat, ipvs, watchdog, selinux) are written by hand in the tree; this
# script does not touch them. Run from the repository root; review the diff before committing,
# since the collector tests assert the exact values in these files.
set -eu
F=src/test/resources/fixtures
P=$F/proc
copy() { mkdir -p "$(dirname "$P/$1")"; cat "/proc/$1" > "$P/$1"; }

copy stat
awk 'BEGIN{n=0} /^processor/{n++} n<=2' /proc/cpuinfo > $P/cpuinfo
grep -E "^(nr_free_pages|nr_dirty|oom_kill|pgpgin|pgpgout|pswpin|pswpout|pgfault|pgmajfault|pgfree|numa_hit|workingset_refault_anon|thp_fault_alloc|pgsteal_kswapd) " /proc/vmstat > $P/vmstat
copy net/netstat
copy net/snmp
copy net/snmp6
copy net/dev
copy net/sockstat
copy net/sockstat6
copy net/softnet_stat
copy net/arp
head -n 6 /proc/net/udp > $P/net/udp
head -n 6 /proc/net/udp6 > $P/net/udp6
copy sys/fs/file-nr
copy sys/kernel/random/entropy_avail
copy sys/kernel/random/poolsize
for f in cpu io memory irq; do [ -e /proc/pressure/$f ] && copy pressure/$f; done
copy sys/net/netfilter/nf_conntrack_count
copy sys/net/netfilter/nf_conntrack_max
copy net/stat/nf_conntrack
[ -e /proc/sys/kernel/hung_task_detect_count ] && copy sys/kernel/hung_task_detect_count
mkdir -p $F/rootfs/etc
cat /etc/os-release > $F/rootfs/etc/os-release
