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
