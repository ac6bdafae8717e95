#!/bin/sh
# Refreshes the fixtures of the node-sys collectors (filesystem, diskstats, netclass, cpufreq, ...)
# from this machine where it has the source; hardware it lacks is written by hand below, from the
# kernel's documented formats (Documentation/ABI, proc(5)).
set -eu
F=$(dirname "$0")/../src/test/resources/fixtures

# (Re-capturing changes the vda values: update src/test/resources/expected/*.prom to match.)
# diskstats: this VM's virtio disk, zram and a loop device, then hand-written SCSI, NVMe (a 4.18
# kernel's 15 counters) and device-mapper lines.
grep -E ' (loop0|vda|zram0) ' /proc/diskstats > "$F/proc/diskstats"
cat >> "$F/proc/diskstats" <<'END'
   8       0 sda 25354637 34367663 1003346126 18492372 28444756 11134226 505697032 63877960 0 9653308 82621804 4 0 8 12 6 7
   8       1 sda1 1034 0 8318 324 0 0 0 0 0 188 324 0 0 0 0 0 0
 259       0 nvme0n1 47114 4 4643973 21650 1078320 43950 39451633 1011053 0 222766 1032546 0 0 0 0
 252       0 dm-0 1000 0 16000 300 2000 0 64000 900 1 1100 1200 0 0 0 0 0 0
END
