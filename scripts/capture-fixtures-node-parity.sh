#!/bin/sh
# Fixtures of the node-parity branch: netdev's per-interface statistics (its default, netlink-
# equivalent path) for eth0 and lo as this machine has them, then a hand-written NIC with every
# error counter set, from Documentation/ABI/testing/sysfs-class-net-statistics (one %llu a file).
# bond0 keeps no statistics/ directory on purpose: such an entry is skipped.
set -eu
F=$(dirname "$0")/../src/test/resources/fixtures
COUNTERS="rx_packets tx_packets rx_bytes tx_bytes rx_errors tx_errors rx_dropped tx_dropped multicast collisions
  rx_length_errors rx_over_errors rx_crc_errors rx_frame_errors rx_fifo_errors rx_missed_errors tx_aborted_errors
  tx_carrier_errors tx_fifo_errors tx_heartbeat_errors tx_window_errors rx_compressed tx_compressed rx_nohandler"

for iface in eth0 lo; do
  d="$F/sys/class/net/$iface/statistics"; rm -rf "$d"; mkdir -p "$d"
  for c in $COUNTERS; do cat "/sys/class/net/$iface/statistics/$c" > "$d/$c"; done
done

d="$F/sys/class/net/enp3s0/statistics"; rm -rf "$d"; mkdir -p "$d"
n=1
for c in $COUNTERS; do echo "$n" > "$d/$c"; n=$((n + 1)); done
# Large enough to need more than 32 bits, as real byte counters do.
echo 98765432109 > "$d/rx_bytes"; echo 12345678901 > "$d/tx_bytes"
