#!/bin/sh
# Writes the fixtures of the cgroups, cpu_vulnerabilities, drbd, drm, lnstat, nvmesubsystem,
# pcidevice, sysctl and xfrm collectors.
#
# Captured from this machine where it has the source: /proc/cgroups, /proc/net/stat/* (all but
# nf_conntrack, whose fixture the conntrack collector owns), /proc/net/xfrm_stat, a few sysctls,
# /sys/devices/system/cpu/vulnerabilities and the PCI functions of /sys/bus/pci/devices (a
# Firecracker VM: root-bus virtio functions without PCIe links).
#
# Written by hand where it has none, from the kernel's documented formats:
# - /proc/drbd: DRBD 8.4's drbd_proc.c (drbd_seq_show): the version banner, one "N: cs:.. ro:..
#   ds:.. ..." line per minor, its "ns:.. nr:.. dw:.. ..." counters, a resync progress bar, and an
#   unconfigured minor with only "cs:Unconfigured" (drbd-utils 9 here can check the kernel side of
#   nothing: this kernel has no drbd module).
# - /sys/class/drm: Documentation/gpu/amdgpu/driver-misc.rst and thermal.rst (gpu_busy_percent,
#   mem_info_*, unique_id, power_dpm_force_performance_level), a card of another driver and a
#   connector entry, which the collector must both skip.
# - /sys/class/nvme-subsystem: Documentation/ABI/testing/sysfs-class-nvme and drivers/nvme/host/
#   core.c (subsysnqn, model, serial, iopolicy; per controller state, transport, address): an
#   NVMe/TCP subsystem with two paths (one reconnecting) and a local PCIe one.
# - two PCIe functions behind a root port (link speeds as pci_speed_string writes them, SR-IOV
#   counts, a NUMA node), since the VM's functions have none of that.
set -eu
F=$(dirname "$0")/../src/test/resources/fixtures

# --- captured ---------------------------------------------------------------------------------
cat /proc/cgroups > "$F/proc/cgroups"

for f in /proc/net/stat/*; do
  n=$(basename "$f")
  [ "$n" = nf_conntrack ] && continue
  cat "$f" > "$F/proc/net/stat/$n"
done
cat /proc/net/xfrm_stat > "$F/proc/net/xfrm_stat"

for s in net/ipv4/tcp_rmem net/ipv4/tcp_wmem net/ipv4/ip_local_port_range vm/swappiness \
         kernel/seccomp/actions_avail kernel/pid_max kernel/printk kernel/osrelease; do
  mkdir -p "$F/proc/sys/$(dirname "$s")"
  cat "/proc/sys/$s" > "$F/proc/sys/$s"
done

v="$F/sys/devices/system/cpu/vulnerabilities"
rm -rf "$v"; mkdir -p "$v"
for f in /sys/devices/system/cpu/vulnerabilities/*; do cat "$f" > "$v/$(basename "$f")"; done

rm -rf "$F/sys/bus/pci" "$F/sys/devices/pci0000:00"
mkdir -p "$F/sys/bus/pci/devices"
for d in /sys/bus/pci/devices/*; do
  loc=$(basename "$d")
  target=$(readlink "$d")                         # ../../../devices/pci0000:00/0000:00:01.0
  dst="$F/sys/bus/pci/devices/$(dirname "$target")/$loc"
  mkdir -p "$dst"
  for a in class vendor device subsystem_vendor subsystem_device revision numa_node max_link_speed \
           max_link_width current_link_speed current_link_width sriov_drivers_autoprobe sriov_numvfs \
           sriov_totalvfs sriov_vf_total_msix d3cold_allowed power_state; do
    [ -r "$d/$a" ] && cat "$d/$a" > "$dst/$a" 2>/dev/null || rm -f "$dst/$a"
  done
  ln -s "$target" "$F/sys/bus/pci/devices/$loc"
done

# --- by hand ----------------------------------------------------------------------------------
cat > "$F/proc/drbd" <<'END'
version: 8.4.11 (api:1/proto:86-101)
srcversion: 0E3BB7D1E9B1B0E8C4A5A3B
 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
    ns:2048 nr:1024 dw:4096 dr:8192 al:12 bm:3 lo:1 pe:2 ua:3 ap:4 ep:1 wo:f oos:16
 1: cs:SyncSource ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----
    ns:0 nr:524288 dw:524288 dr:0 al:0 bm:32 lo:0 pe:0 ua:0 ap:0 ep:1 wo:d oos:1048576
	[===>................] sync'ed: 25.0% (1024/1536)M
	finish: 0:00:42 speed: 24,960 (24,960) K/sec
 2: cs:Unconfigured
END

drm="$F/sys/class/drm"; pci="$F/sys/devices/pci0000:00"; gpus="$F/sys/devices/pci0000:40"
rm -rf "$drm" "$gpus"; mkdir -p "$drm"
# class/drm/cardN are directories here, each with its "device" link to the PCI device: on a real
# tree cardN is a link into the device's drm/ directory, a cycle that Maven's resource copy follows
gpu="$gpus/0000:40:01.1/0000:41:00.0"; igd="$gpus/0000:40:02.0"
mkdir -p "$gpu" "$igd" "$drm/card0" "$drm/card0-DP-1" "$drm/card1"
ln -s ../../../devices/pci0000:40/0000:40:01.1/0000:41:00.0 "$drm/card0/device"
ln -s ../../../devices/pci0000:40/0000:40:01.1/0000:41:00.0 "$drm/card0-DP-1/device"
ln -s ../../../devices/pci0000:40/0000:40:02.0 "$drm/card1/device"
printf 'DRIVER=amdgpu\nPCI_CLASS=30000\nPCI_ID=1002:687F\nPCI_SUBSYS_ID=1043:0555\nPCI_SLOT_NAME=0000:41:00.0\n' > "$gpu/uevent"
echo 4 > "$gpu/gpu_busy_percent"
echo 8573157376 > "$gpu/mem_info_gtt_total"; echo 144560128 > "$gpu/mem_info_gtt_used"
echo 8573157376 > "$gpu/mem_info_vram_total"; echo 1263730688 > "$gpu/mem_info_vram_used"
echo 268435456 > "$gpu/mem_info_vis_vram_total"; echo 22822912 > "$gpu/mem_info_vis_vram_used"
echo samsung > "$gpu/mem_info_vram_vendor"; echo manual > "$gpu/power_dpm_force_performance_level"
echo 0123456789abcdef > "$gpu/unique_id"
printf 'DRIVER=i915\nPCI_CLASS=30000\nPCI_ID=8086:3E92\n' > "$igd/uevent"
echo 3 > "$igd/gpu_busy_percent"

ns="$F/sys/class/nvme-subsystem"
rm -rf "$ns"; mkdir -p "$ns/nvme-subsys0/nvme0" "$ns/nvme-subsys0/nvme1" "$ns/nvme-subsys0/nvme0n1" \
  "$ns/nvme-subsys1/nvme2" "$ns/nvme-subsys1/nvme2n1"
s="$ns/nvme-subsys0"
echo nqn.2014-08.org.nvmexpress:uuid:4b4c5f5e-2d7a-4c3b-9f1e-8a6d2c1b0e9f > "$s/subsysnqn"
echo 'Linux' > "$s/model"; echo 6a3b0e1f2c4d5e6f > "$s/serial"; echo round-robin > "$s/iopolicy"
echo live > "$s/nvme0/state"; echo tcp > "$s/nvme0/transport"
echo 'traddr=192.168.10.5,trsvcid=4420,src_addr=192.168.10.20' > "$s/nvme0/address"
echo connecting > "$s/nvme1/state"; echo tcp > "$s/nvme1/transport"
echo 'traddr=192.168.11.5,trsvcid=4420' > "$s/nvme1/address"
s="$ns/nvme-subsys1"
echo 'nqn.2014.08.org.nvmexpress:144d144dS4EWNF0M123456      SAMSUNG MZVLB512HAJQ-00000' > "$s/subsysnqn"
echo 'SAMSUNG MZVLB512HAJQ-00000' > "$s/model"; echo S4EWNF0M123456 > "$s/serial"; echo numa > "$s/iopolicy"
echo 'deleting (no IO)' > "$s/nvme2/state"; echo pcie > "$s/nvme2/transport"; echo 0000:02:00.0 > "$s/nvme2/address"
# a namespace directory holds its attributes (nsid among them): git keeps no empty directory
echo 1 > "$ns/nvme-subsys0/nvme0n1/nsid"; echo 1 > "$ns/nvme-subsys1/nvme2n1/nsid"

# a PCIe root port and an SR-IOV capable NIC behind it
port="$pci/0000:00:1c.0"; nic="$port/0000:02:00.0"
mkdir -p "$nic"
ln -s ../../../devices/pci0000:00/0000:00:1c.0 "$F/sys/bus/pci/devices/0000:00:1c.0"
ln -s ../../../devices/pci0000:00/0000:00:1c.0/0000:02:00.0 "$F/sys/bus/pci/devices/0000:02:00.0"
for kv in class=0x060400 vendor=0x8086 device=0xa33c subsystem_vendor=0x1028 subsystem_device=0x0869 \
          revision=0xf0 numa_node=0 'max_link_speed=8.0 GT/s PCIe' max_link_width=4 \
          'current_link_speed=2.5 GT/s PCIe' current_link_width=1 d3cold_allowed=1 power_state=D0; do
  echo "${kv#*=}" > "$port/${kv%%=*}"
done
for kv in class=0x020000 vendor=0x8086 device=0x1521 subsystem_vendor=0x8086 subsystem_device=0x0001 \
          revision=0x01 numa_node=0 'max_link_speed=5.0 GT/s PCIe' max_link_width=4 \
          'current_link_speed=Unknown' current_link_width=4 sriov_drivers_autoprobe=1 sriov_numvfs=2 \
          sriov_totalvfs=7 sriov_vf_total_msix=0 sriov_offset=128 sriov_stride=4 sriov_vf_device=1520 \
          d3cold_allowed=0 power_state=D3hot; do
  echo "${kv#*=}" > "$nic/${kv%%=*}"
done

# a pci.ids (the PCI ID repository's format) with the names of the fixture's devices, copied from
# Debian's pci.ids 2023.04.11, for --collector.pcidevice.idsfile; 0d57 is left out on purpose
# (an id without a name), and a line without the two spaces before its name, which is skipped
mkdir -p "$F/rootfs/usr/share/misc"
printf '%s\n' '# hand-written extract of pci.ids' \
  '1028  Dell' \
  '1af4  Red Hat, Inc.' \
  '	1041  Virtio 1.0 network device' \
  '	1042  Virtio 1.0 block device' \
  '	1044  Virtio 1.0 RNG' \
  '	1045  Virtio 1.0 memory balloon' \
  '	1053  Virtio 1.0 socket' \
  '8086  Intel Corporation' \
  '	1521  I350 Gigabit Network Connection' \
  '		8086 0001  Ethernet Server Adapter I350-T4' \
  '	a33c Cannon Lake PCH PCI Express Root Port #5' \
  'C 01  Mass storage controller' \
  '	80  Mass storage controller' \
  'C 02  Network controller' \
  '	00  Ethernet controller' \
  'C 06  Bridge' \
  '	00  Host bridge' \
  '	04  PCI bridge' \
  '		00  Normal decode' \
  '		01  Subtractive decode' \
  'C ff  Unassigned class' > "$F/rootfs/usr/share/misc/pci.ids"
