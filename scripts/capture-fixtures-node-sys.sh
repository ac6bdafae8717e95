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

# netclass: eth0 and lo as this VM has them (attributes the driver refuses are left out, as on
# the real tree), then a hand-written 10G NIC with an alias.
for iface in eth0 lo; do
  d="$F/sys/class/net/$iface"; rm -rf "$d"; mkdir -p "$d"
  for a in addr_assign_type address broadcast carrier carrier_changes carrier_up_count carrier_down_count \
           dev_id dormant duplex flags ifalias ifindex iflink link_mode mtu name_assign_type netdev_group \
           operstate speed tx_queue_len type; do
    cat "/sys/class/net/$iface/$a" > "$d/$a" 2>/dev/null || rm -f "$d/$a"
  done
done
d="$F/sys/class/net/enp3s0"; mkdir -p "$d"
printf '%s\n' 0 > "$d/addr_assign_type"; echo 3c:ec:ef:12:34:56 > "$d/address"; echo ff:ff:ff:ff:ff:ff > "$d/broadcast"
echo 1 > "$d/carrier"; echo 5 > "$d/carrier_changes"; echo 3 > "$d/carrier_up_count"; echo 2 > "$d/carrier_down_count"
echo 0x0 > "$d/dev_id"; echo 0 > "$d/dormant"; echo full > "$d/duplex"; echo 0x1003 > "$d/flags"
echo 'uplink to sw1 "a"' > "$d/ifalias"; echo 7 > "$d/ifindex"; echo 7 > "$d/iflink"; echo 0 > "$d/link_mode"
echo 9000 > "$d/mtu"; echo 4 > "$d/name_assign_type"; echo 0 > "$d/netdev_group"; echo up > "$d/operstate"
echo 10000 > "$d/speed"; echo 1000 > "$d/tx_queue_len"; echo 1 > "$d/type"

# cpufreq (this VM has none): cpu0 with every attribute, cpu1 without cpuinfo_cur_freq (root-only),
# cpu2 without a cpufreq directory at all.
c="$F/sys/devices/system/cpu"
mkdir -p "$c/cpu0/cpufreq" "$c/cpu1/cpufreq" "$c/cpu2"
echo 1800000 > "$c/cpu0/cpufreq/cpuinfo_cur_freq"; echo 800000 > "$c/cpu0/cpufreq/cpuinfo_min_freq"
echo 3600000 > "$c/cpu0/cpufreq/cpuinfo_max_freq"; echo 1799998 > "$c/cpu0/cpufreq/scaling_cur_freq"
echo 800000 > "$c/cpu0/cpufreq/scaling_min_freq"; echo 3600000 > "$c/cpu0/cpufreq/scaling_max_freq"
echo powersave > "$c/cpu0/cpufreq/scaling_governor"; echo performance powersave > "$c/cpu0/cpufreq/scaling_available_governors"
echo 800000 > "$c/cpu1/cpufreq/cpuinfo_min_freq"; echo 3600000 > "$c/cpu1/cpufreq/cpuinfo_max_freq"
echo 2400000 > "$c/cpu1/cpufreq/scaling_cur_freq"; echo performance > "$c/cpu1/cpufreq/scaling_governor"
echo performance powersave > "$c/cpu1/cpufreq/scaling_available_governors"
echo 1 > "$c/cpu2/online"

# thermal_zone (this VM has none): a readable zone, a zone whose sensor gives no temperature, a fan.
t="$F/sys/class/thermal"
mkdir -p "$t/thermal_zone0" "$t/thermal_zone1" "$t/cooling_device0"
echo x86_pkg_temp > "$t/thermal_zone0/type"; echo 45500 > "$t/thermal_zone0/temp"
echo acpitz > "$t/thermal_zone1/type"
echo Processor > "$t/cooling_device0/type"; echo 1 > "$t/cooling_device0/cur_state"; echo 3 > "$t/cooling_device0/max_state"

# hwmon (this VM has none): a coretemp chip named by its device link with sensors in the chip and
# device directories, and an nvme-like chip with only a name file and many sensor types.
h="$F/sys/class/hwmon"; p="$F/sys/devices/platform/coretemp.0"
rm -rf "$h"; mkdir -p "$h/hwmon0" "$h/hwmon1" "$p"
ln -s ../../../devices/platform/coretemp.0 "$h/hwmon0/device"
echo coretemp > "$h/hwmon0/name"
echo 'Package id 0' > "$h/hwmon0/temp1_label"; echo 55000 > "$h/hwmon0/temp1_input"; echo 84000 > "$h/hwmon0/temp1_max"
echo 100000 > "$h/hwmon0/temp1_crit"; echo 0 > "$h/hwmon0/temp1_crit_alarm"
echo 'Core 0' > "$p/temp2_label"; echo 54000 > "$p/temp2_input"
echo 'Core 1' > "$h/hwmon0/temp3_label"; echo 52000 > "$h/hwmon0/temp3_input"
echo 'not a number' > "$h/hwmon0/temp4_input"
echo nct6779 > "$h/hwmon1/name"
echo 1024 > "$h/hwmon1/in0_input"; echo 'Vcore' > "$h/hwmon1/in0_label"; echo 1 > "$h/hwmon1/in0_alarm"; echo 0 > "$h/hwmon1/in0_beep"
echo 1280 > "$h/hwmon1/fan1_input"; echo 200 > "$h/hwmon1/fan1_min"; echo 0 > "$h/hwmon1/fan1_fault"
echo 128 > "$h/hwmon1/pwm1"; echo 2 > "$h/hwmon1/pwm1_enable"
echo 1500 > "$h/hwmon1/curr1_input"; echo 12500000 > "$h/hwmon1/power1_input"; echo 1000 > "$h/hwmon1/power1_average_interval"
echo 25000 > "$h/hwmon1/power1_accuracy"; echo 3600000000 > "$h/hwmon1/energy1_input"
echo 456000 > "$h/hwmon1/humidity1_input"; echo 1 > "$h/hwmon1/intrusion0_alarm"
echo 1 > "$h/hwmon1/beep_enable"; echo 2000 > "$h/hwmon1/update_interval"; echo 90 > "$h/hwmon1/vrm"

# edac (this VM has none): one controller with two csrows.
e="$F/sys/devices/system/edac/mc/mc0"
mkdir -p "$e/csrow0" "$e/csrow1"
echo 3 > "$e/ce_count"; echo 1 > "$e/ce_noinfo_count"; echo 0 > "$e/ue_count"; echo 0 > "$e/ue_noinfo_count"
echo 2 > "$e/csrow0/ce_count"; echo 0 > "$e/csrow0/ue_count"; echo 0 > "$e/csrow1/ce_count"; echo 0 > "$e/csrow1/ue_count"
