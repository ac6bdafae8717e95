#!/bin/sh
# Writes the fixtures of the coll-b collectors (fibrechannel, infiniband, tapestats). This VM has no
# Fibre Channel HBA, InfiniBand adapter or SCSI tape, so every file is written by hand from the
# kernel's documented formats: Documentation/ABI/testing/sysfs-class-fc_host and
# drivers/scsi/scsi_transport_fc.c (statistics printed as "0x%llx", all ones when not counted),
# Documentation/ABI/stable/sysfs-class-infiniband, Documentation/scsi/st.rst ("Sysfs and
# statistics for tape devices").
set -eu
F=$(dirname "$0")/../src/test/resources/fixtures

# fibrechannel: host0 fully populated (one counter unimplemented by the firmware = all ones, one
# statistics file missing, reset_statistics write-only); host1 whose driver exposes few attributes.
fc="$F/sys/class/fc_host"
rm -rf "$fc"; mkdir -p "$fc/host0/statistics" "$fc/host1/statistics"
h="$fc/host0"
echo '16 Gbit' > "$h/speed"; echo Online > "$h/port_state"; echo 'NPort (fabric via point-to-point)' > "$h/port_type"
echo 0x2000e0071bce95f2 > "$h/node_name"; echo 0x011d00 > "$h/port_id"; echo 0x1000e0071bce95f2 > "$h/port_name"
echo 0x0 > "$h/fabric_name"; echo 30 > "$h/dev_loss_tmo"
echo 'Emulex SN1100E2P FV12.4.270.3 DV12.4.0.0. HN:gotest. OS:Linux' > "$h/symbolic_name"
echo 'Class 3' > "$h/supported_classes"; echo '4 Gbit, 8 Gbit, 16 Gbit' > "$h/supported_speeds"
s="$h/statistics"
echo 0xffffffffffffffff > "$s/dumped_frames"; echo 0x0 > "$s/error_frames"; echo 0x20 > "$s/invalid_crc_count"
echo 0x30 > "$s/rx_frames"; echo 0x1a2b3c > "$s/rx_words"; echo 0x40 > "$s/tx_frames"; echo 0x50 > "$s/tx_words"
echo 0x2d0 > "$s/seconds_since_last_reset"; echo 0x9 > "$s/invalid_tx_word_count"; echo 0x2 > "$s/link_failure_count"
echo 0x3 > "$s/loss_of_sync_count"; echo 0x1 > "$s/loss_of_signal_count"; echo 0x0 > "$s/nos_count"
echo 0x7 > "$s/fc_no_free_exch"; : > "$s/reset_statistics"
h="$fc/host1"
echo Linkdown > "$h/port_state"; echo 0xfffffffffffffffe > "$h/port_name"
s="$h/statistics"
echo 0x1 > "$s/dumped_frames"; echo 0x10000000000000000 > "$s/fc_seq_not_found"

# infiniband: mlx4_0 with an active and a disabled port (one counter "N/A (no PMA)", the pre-4.5
# 64-bit counters_ext), and an Intel irdma device, which has no counters directory.
ib="$F/sys/class/infiniband"
rm -rf "$ib"; mkdir -p "$ib/mlx4_0/ports/1/counters" "$ib/mlx4_0/ports/1/counters_ext" \
  "$ib/mlx4_0/ports/2/counters" "$ib/irdma0/ports/1"
d="$ib/mlx4_0"
echo SM_1141000001000 > "$d/board_id"; echo 2.31.5050 > "$d/fw_ver"; echo MT4099 > "$d/hca_type"
p="$d/ports/1"
echo '4: ACTIVE' > "$p/state"; echo '5: LinkUp' > "$p/phys_state"; echo '40 Gb/sec (4X QDR)' > "$p/rate"
c="$p/counters"
echo 0 > "$c/excessive_buffer_overrun_errors"; echo 1 > "$c/link_downed"; echo 2 > "$c/link_error_recovery"
echo 0 > "$c/local_link_integrity_errors"; echo 'N/A (no PMA)' > "$c/multicast_rcv_packets"
echo 0 > "$c/port_rcv_constraint_errors"; echo 2221223609 > "$c/port_rcv_data"; echo 0 > "$c/port_rcv_discards"
echo 3 > "$c/port_rcv_errors"; echo 87169372 > "$c/port_rcv_packets"; echo 0 > "$c/port_rcv_remote_physical_errors"
echo 0 > "$c/port_rcv_switch_relay_errors"; echo 0 > "$c/port_xmit_constraint_errors"
echo 26509113295 > "$c/port_xmit_data"; echo 5 > "$c/port_xmit_discards"; echo 85734114 > "$c/port_xmit_packets"
echo 3599 > "$c/port_xmit_wait"; echo 7 > "$c/symbol_error"; echo 0 > "$c/VL15_dropped"
echo 9 > "$c/unknown_future_counter"
c="$p/counters_ext"
echo 0 > "$c/port_multicast_rcv_packets"; echo 0 > "$c/port_multicast_xmit_packets"
echo 2221223609 > "$c/port_rcv_data_64"; echo 87169372 > "$c/port_rcv_packets_64"
echo 87169372 > "$c/port_unicast_rcv_packets"; echo 85734114 > "$c/port_unicast_xmit_packets"
echo 26509113295 > "$c/port_xmit_data_64"; echo 85734114 > "$c/port_xmit_packets_64"
p="$d/ports/2"
echo '1: DOWN' > "$p/state"; echo '3: Disabled' > "$p/phys_state"; echo '10 Gb/sec (4X)' > "$p/rate"
echo 0 > "$p/counters/link_downed"; echo 0x10 > "$p/counters/symbol_error"
d="$ib/irdma0"
echo 1.52 > "$d/fw_ver"
p="$d/ports/1"
echo '4: ACTIVE' > "$p/state"; echo '5: LinkUp' > "$p/phys_state"; echo '2.5 Gb/sec (1X SDR)' > "$p/rate"

# tapestats: st0 and st1 with statistics (st1 busy), and the other device nodes of st0 (nst0, st0a,
# nst0l, ...), which node_exporter skips.
t="$F/sys/class/scsi_tape"
rm -rf "$t"; mkdir -p "$t/st0/stats" "$t/st1/stats" "$t/nst0/stats" "$t/st0a/stats"
s="$t/st0/stats"
echo 0 > "$s/in_flight"; echo 9247011087720 > "$s/io_ns"; echo 1409 > "$s/other_cnt"
echo 979383912 > "$s/read_byte_cnt"; echo 3741 > "$s/read_cnt"; echo 33788355744 > "$s/read_ns"
echo 19 > "$s/resid_cnt"; echo 1496246784000 > "$s/write_byte_cnt"; echo 53772916 > "$s/write_cnt"
echo 5233597394395 > "$s/write_ns"
s="$t/st1/stats"
echo 1 > "$s/in_flight"; echo 1000000000 > "$s/io_ns"; echo 2 > "$s/other_cnt"
echo 0 > "$s/read_byte_cnt"; echo 0 > "$s/read_cnt"; echo 0 > "$s/read_ns"
echo 0 > "$s/resid_cnt"; echo 65536 > "$s/write_byte_cnt"; echo 1 > "$s/write_cnt"; echo 500000000 > "$s/write_ns"
for n in nst0 st0a; do echo 5 > "$t/$n/stats/read_cnt"; done
