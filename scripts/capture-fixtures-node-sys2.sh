#!/bin/sh
# Writes the fixtures of the node-sys2 collectors (powersupplyclass, rapl, nvme, dmi, mdadm, ...).
# This VM lacks almost all of that hardware, so most files are written by hand from the kernel's
# documented formats (Documentation/ABI, Documentation/admin-guide, proc(5)); where the VM has the
# source (xfs, btrfs) it is copied.
set -eu
F=$(dirname "$0")/../src/test/resources/fixtures

# powersupplyclass: a laptop battery (with a value that is not UTF-8 and a device link that must
# be ignored), its mains adapter, and a USB charger with few attributes.
p="$F/sys/class/power_supply"
rm -rf "$p"; mkdir -p "$p/BAT0/power" "$p/AC" "$p/ucsi-source-psy-USBC000:001"
ln -s ../../../devices/LNXSYSTM:00 "$p/BAT0/device"
b="$p/BAT0"
echo 1 > "$b/present"; echo Discharging > "$b/status"; echo Li-ion > "$b/technology"; echo Battery > "$b/type"
echo 87 > "$b/capacity"; echo Normal > "$b/capacity_level"; echo 42 > "$b/cycle_count"
echo 11100000 > "$b/voltage_min_design"; echo 12190000 > "$b/voltage_now"
echo 57020000 > "$b/energy_full_design"; echo 50850000 > "$b/energy_full"; echo 44250000 > "$b/energy_now"
echo 8980000 > "$b/power_now"; echo 295 > "$b/temp"; echo Good > "$b/health"
echo SMP > "$b/manufacturer"; echo 5B10W13975 > "$b/model_name"; printf '  1234\377 \n' > "$b/serial_number"
echo 1800 > "$b/time_to_empty_now"; echo auto > "$b/power/control"
echo 1 > "$p/AC/online"; echo Mains > "$p/AC/type"
u="$p/ucsi-source-psy-USBC000:001"
echo 0 > "$u/online"; echo USB > "$u/type"; echo 'C [PD] PD_PPS' > "$u/usb_type"; echo 5000000 > "$u/voltage_max"
echo 3000000 > "$u/current_max"; echo Device > "$u/scope"

# rapl: the control type directory (no name), two packages with core/uncore/dram subzones, a dram
# zone without an index in its name, and an MMIO zone with a name that repeats a package's.
r="$F/sys/class/powercap"
rm -rf "$r"; mkdir -p "$r/intel-rapl"; echo 1 > "$r/intel-rapl/enabled"
zone() { mkdir -p "$r/$1"; echo "$2" > "$r/$1/name"; echo "$3" > "$r/$1/energy_uj"; echo 262143328850 > "$r/$1/max_energy_range_uj"; }
zone intel-rapl:0 package-0 240422366267
zone intel-rapl:0:0 core 118821284256
zone intel-rapl:0:1 uncore 1001
zone intel-rapl:0:2 dram 24624502041
zone intel-rapl:1 package-1 3101
zone intel-rapl:1:0 dram 5500000
zone intel-rapl-mmio:0 package-0 12000000

# nvme: a controller with a 512-byte-LBA namespace (native multipath path device nvme0c0n1, with
# ANA) and a 4K-LBA namespace without ana_state; a second controller without namespaces; the
# nvme0n1 head node link is not a path device and must be ignored.
n="$F/sys/class/nvme"
rm -rf "$n"; mkdir -p "$n/nvme0/nvme0c0n1/queue" "$n/nvme0/nvme0c0n2/queue" "$n/nvme0/nvme0n1" "$n/nvme1"
ctrl() { echo "$2" > "$n/$1/firmware_rev"; echo "$3" > "$n/$1/model"; echo "$4" > "$n/$1/serial"; echo "$5" > "$n/$1/state"; echo "$6" > "$n/$1/cntlid"; }
ctrl nvme0 3B2QGXA7 'Samsung SSD 980 PRO 1TB' S5GXNX0T123456A live 6
ctrl nvme1 1.0 'Amazon Elastic Block Store' vol0123456789abcdef0 live 0
ns() { echo "$2" > "$n/nvme0/$1/size"; echo "$3" > "$n/nvme0/$1/nuse"; echo "$4" > "$n/nvme0/$1/queue/logical_block_size"; }
ns nvme0c0n1 1953525168 488281250 512; echo optimized > "$n/nvme0/nvme0c0n1/ana_state"
ns nvme0c0n2 2097152 65536 4096
echo 1 > "$n/nvme0/nvme0n1/size"

# dmi: a server's firmware strings; board_name is empty, chassis_type (not a label) is present,
# board_serial and product_uuid are missing as when unreadable, bios_vendor is not UTF-8.
d="$F/sys/class/dmi/id"
rm -rf "$d"; mkdir -p "$d"
echo 04/12/2023 > "$d/bios_date"; echo 5.27 > "$d/bios_release"; printf 'Amer\351can Megatrends\n' > "$d/bios_vendor"
echo 2.1.0 > "$d/bios_version"; echo 'Default string' > "$d/board_asset_tag"; echo > "$d/board_name"
echo Supermicro > "$d/board_vendor"; echo 1.01 > "$d/board_version"; echo 'To be filled' > "$d/chassis_asset_tag"
echo C8260LK33AB0012 > "$d/chassis_serial"; echo 17 > "$d/chassis_type"; echo Supermicro > "$d/chassis_vendor"
echo 0123456789 > "$d/chassis_version"; echo 'Family X' > "$d/product_family"; echo SYS-1029P-WTR > "$d/product_name"
echo A19348X0401234 > "$d/product_serial"; echo 'SKU 7' > "$d/product_sku"; echo 0123456789 > "$d/product_version"
echo Supermicro > "$d/sys_vendor"

# mdadm: /proc/mdstat in the kernel's format (md.rst, md(4)) with one array in each state: a
# healthy mirror with a bitmap, a raid5 recovering onto a spare after a failure, a raid6 whose
# resync is delayed, a raid10 being checked, a raid0, a linear array and an inactive one; then
# /sys/block/mdN/md for three of them.
cat > "$F/proc/mdstat" <<'END'
Personalities : [linear] [raid0] [raid1] [raid10] [raid6] [raid5] [raid4]
md0 : active raid1 sdb1[1] sda1[0]
      248896 blocks super 1.2 [2/2] [UU]
      bitmap: 0/2 pages [0KB], 65536KB chunk

md1 : active raid5 sdf1[4] sde1[3](F) sdd1[2] sdc1[1] sdg1[5](S)
      5860270080 blocks super 1.2 level 5, 512k chunk, algorithm 2 [4/3] [UUU_]
      [=>...................]  recovery =  8.5% (166514688/1953423360) finish=155.2min speed=191818K/sec
      bitmap: 0/15 pages [0KB], 65536KB chunk

md2 : active raid6 sdl1[3] sdk1[2] sdj1[1] sdi1[0]
      4186624 blocks super 1.2 level 6, 512k chunk, algorithm 2 [4/4] [UUUU]
        resync=DELAYED

md3 : active raid10 sdn1[1] sdm1[0]
      1953381376 blocks super 1.2 2 near-copies [2/2] [UU]
      [==>..................]  check = 12.0% (234405888/1953381376) finish=120.0min speed=238000K/sec

md4 : active raid0 sdp1[1] sdo1[0]
      3906764800 blocks super 1.2 512k chunks

md5 : active linear sdr1[1] sdq1[0]
      7813529600 blocks super 1.2 0k rounding

md127 : inactive sdt[1](S) sds[0](S)
      7813529600 blocks super external:imsm

unused devices: <none>
END
b="$F/sys/block"
rm -rf "$b/md0" "$b/md1" "$b/md4"; mkdir -p "$b/md0/md" "$b/md1/md" "$b/md4/md"
echo raid1 > "$b/md0/md/level"; echo 2 > "$b/md0/md/raid_disks"; echo 0 > "$b/md0/md/degraded"
echo raid5 > "$b/md1/md/level"; echo 4 > "$b/md1/md/raid_disks"; echo 1 > "$b/md1/md/degraded"
echo raid0 > "$b/md4/md/level"; echo 2 > "$b/md4/md/raid_disks"

# bonding: bond0 with eth1 up (linked as lower_eth1) and eth2 down (linked as slave_eth2, as
# kernels before 4.x did). bond0 is also an interface, so it carries the netclass attributes too.
d="$F/sys/class/net/bond0"
rm -rf "$d"; mkdir -p "$d/bonding" "$d/lower_eth1/bonding_slave" "$d/slave_eth2/bonding_slave"
echo bond0 > "$F/sys/class/net/bonding_masters"
echo eth1 eth2 > "$d/bonding/slaves"
echo up > "$d/lower_eth1/bonding_slave/mii_status"; echo down > "$d/slave_eth2/bonding_slave/mii_status"
echo 3 > "$d/addr_assign_type"; echo 52:54:00:ab:cd:01 > "$d/address"; echo ff:ff:ff:ff:ff:ff > "$d/broadcast"
echo 1 > "$d/carrier"; echo 2 > "$d/carrier_changes"; echo 0x0 > "$d/dev_id"; echo 0 > "$d/dormant"
echo full > "$d/duplex"; echo 0x1403 > "$d/flags"; echo 9 > "$d/ifindex"; echo 9 > "$d/iflink"
echo 0 > "$d/link_mode"; echo 1500 > "$d/mtu"; echo 3 > "$d/name_assign_type"; echo 0 > "$d/netdev_group"
echo up > "$d/operstate"; echo 1000 > "$d/speed"; echo 1000 > "$d/tx_queue_len"; echo 1 > "$d/type"

# bcache (this VM has none): one cache set with a backing device and a cache device, values in
# bch_hprint's human-readable form as the kernel writes them (bcache.rst).
u="$F/sys/fs/bcache/deaddd54-c735-46d5-868e-f331c5fd7c74"
rm -rf "$F/sys/fs/bcache"; mkdir -p "$u/internal" "$u/bdev0/stats_total" "$u/cache0"
echo 0 > "$F/sys/fs/bcache/register"
echo 0 > "$u/average_key_size"; echo 0 > "$u/btree_cache_size"; echo 100 > "$u/cache_available_percent"
echo 0 > "$u/congested"; echo 0 > "$u/root_usage_percent"; echo 0 > "$u/tree_depth"
echo 5 > "$u/internal/active_journal_entries"; echo 12 > "$u/internal/btree_nodes"
echo 1305 > "$u/internal/btree_read_average_duration_us"; echo 3 > "$u/internal/cache_read_races"
b="$u/bdev0"
echo 20.4G > "$b/dirty_data"
printf 'rate:\t\t1.1M/sec\ndirty:\t\t20.4G\ntarget:\t\t20.4G\nproportional:\t427.5k\nintegral:\t-790.0k\nchange:\t\t321.5k/sec\nnext io:\t17ms\n' > "$b/writeback_rate_debug"
echo 0 > "$b/stats_total/bypassed"; echo 546 > "$b/stats_total/cache_hits"; echo 0 > "$b/stats_total/cache_bypass_hits"
echo 0 > "$b/stats_total/cache_bypass_misses"; echo 0 > "$b/stats_total/cache_miss_collisions"
echo 1.5k > "$b/stats_total/cache_misses"; echo 13 > "$b/stats_total/cache_readaheads"
c="$u/cache0"
echo 0 > "$c/io_errors"; echo 512 > "$c/metadata_written"; echo 0 > "$c/written"
printf 'Unused:\t\t99%%\nClean:\t\t0%%\nDirty:\t\t0%%\nMetadata:\t0%%\nAverage:\t10473\nSectors per Q:\t64\nQuantiles:\t[0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0]\n' > "$c/priority_stats"

# xfs: this VM's global /proc/fs/xfs/stat serves as sda1's per-filesystem stats (the same format),
# with a hand-written dm-2 next to it. /sys/fs/xfs/stats (global, no device) must be ignored.
x="$F/sys/fs/xfs"
rm -rf "$x"; mkdir -p "$x/sda1/stats" "$x/dm-2/stats" "$x/stats"
grep -E '^(extent_alloc|abt|blk_map|bmbt|dir|trans|ig|log|push_ail|xstrat|rw|attr|icluster|vnodes|buf) ' /proc/fs/xfs/stat > "$x/sda1/stats/stats"
cp "$x/sda1/stats/stats" "$x/stats/stats"
cat > "$x/dm-2/stats/stats" <<'END'
extent_alloc 92447 97589 92448 93751
abt 0 0 0 0
blk_map 1767055 188820 184891 92447 92448 2140766 0
bmbt 0 0 0 0
dir 185039 92447 92444 136422
trans 706 944304 0
ig 185045 58807 0 126238 0 33637 22
log 2883 113448 9 17360 739
push_ail 945014 0 134260 15483 0 3940 464 159985 0 40
xstrat 92447 0
rw 107739 94045
attr 4 0 0 0
icluster 8677 7849 135802
vnodes 92597 0 0 0 92444 92444 92444 0
buf 2666287 7122 2659202 3599 2 7085 0 10297 7085
abtb2 184941 1277345 13257 13278 0 0 0 0 0 0 0 0 0 0 2746147
abtc2 345295 2416764 172637 172658 0 0 0 0 0 0 0 0 0 0 21406023
xpc 399724544 92823103 86219234
debug 0
END
