#!/bin/sh
# Writes the fixtures of the ipvs and zfs collectors. This VM has neither IPVS nor ZFS, so the files
# are written by hand from the kernel's formats (net/netfilter/ipvs/ip_vs_ctl.c; the SPL kstat
# text of OpenZFS, "name type data" after two header lines).
set -eu
F=$(dirname "$0")/../src/test/resources/fixtures

# ipvs: two TCP services (one with a backend listed twice under different forwarding, to show the
# sum), an IPv6 UDP service and a firewall-mark service.
mkdir -p "$F/proc/net"
cat > "$F/proc/net/ip_vs_stats" <<'X'
   Total Incoming Outgoing         Incoming         Outgoing
   Conns  Packets  Packets            Bytes            Bytes
  1A2B3C   4D5E6F7        0        89ABCDEF0            0

 Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s
       3     1F40        0           2A1B3C            0
X
cat > "$F/proc/net/ip_vs" <<'X'
IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port Forward Weight ActiveConn InActConn
TCP  0A000A01:0050 wlc
  -> 0A001401:1F90      Masq    100    12         3
  -> 0A001402:1F90      Masq    50     7          0
TCP  0A000A02:01BB rr persistent 360
  -> 0A001403:01BB      Route   1      4          2
  -> 0A001403:01BB      Tunnel  2      1          1
UDP  [2001:0db8:0000:0000:0000:0000:0000:0035]:0035 sh
  -> [2001:0db8:0000:0000:0000:0000:0001:0035]:0035      Masq    1      0          9
FWM  00000064 wlc
  -> 0A001405:0CEA      Route   10     2          5
X

# zfs: a few statistics of each kstat file (the real ones have tens to hundreds of lines), with a
# string-typed line that is not exported, a signed (type 3) line, and two pools: pool1 with its io
# kstat, one dataset and state ONLINE; pool2 without io, a dataset whose
# name has a space (upstream keeps its first word) and state DEGRADED.
z="$F/proc/spl/kstat/zfs"
rm -rf "$z"; mkdir -p "$z/pool1" "$z/pool2"
kstat() { # file, then "name type data" lines
    out="$1"; shift
    { echo "15 1 0x01 $# 4560 6103372164 93829402938493"
      printf '%-32s%-5s%s\n' name type data
      for l in "$@"; do set -- $l; printf '%-32s%-5s%s\n' "$1" "$2" "$3"; done; } > "$out"
}
kstat "$z/arcstats" "hits 4 8772612" "misses 4 604635" "demand_data_hits 4 7221032" "p 4 516395305" \
    "c 4 1643208777" "c_min 4 33554432" "c_max 4 8367976448" "size 4 1603939792" "arc_meta_used 4 308056760" \
    "memory_available_bytes 3 1261416448" "arc_need_free 4 0"
kstat "$z/zil" "zil_commit_count 4 10" "zil_commit_writer_count 4 8" "zil_itx_count 4 128" \
    "zil_itx_indirect_bytes 4 18446744073709551615"
kstat "$z/dmu_tx" "dmu_tx_assigned 4 3532844" "dmu_tx_delay 4 0" "dmu_tx_error 4 0" "dmu_tx_dirty_throttle 4 0"
kstat "$z/abdstats" "struct_size 4 2520" "linear_cnt 4 62" "scatter_cnt 4 1" "scatter_data_size 4 8192"
kstat "$z/fm" "erpt-dropped 4 18" "erpt-set-failed 4 0" "fmri-set-failed 4 0" "payload-set-failed 4 0"
kstat "$z/vdev_cache_stats" "delegations 4 40" "hits 4 30" "misses 4 20"
kstat "$z/xuio_stats" "onloan_read_buf 4 32" "onloan_write_buf 4 0" "read_buf_copied 4 0"
kstat "$z/zfetchstats" "hits 4 7067992" "misses 4 11" "max_streams 4 0"
kstat "$z/dbufstats" "dbuf_cache_count 4 27" "dbuf_cache_level_0 4 27" "hash_hits 4 108807" "cache_target_bytes 4 104857600"
kstat "$z/dnodestats" "dnode_hold_dbuf_hold 4 0" "dnode_hold_alloc_hits 4 3804350" "dnode_allocate 4 3006"
kstat "$z/vdev_mirror_stats" "rotating_linear 4 0" "rotating_offset 4 0" "non_rotating_linear 4 0" \
    "preferred_found 4 0" "preferred_not_found 4 94"
{ echo "12 3 0x00 1 80 2238375786 7741934339862"
  echo "nread    nwritten reads    writes   wtime    wlentime wupdate  rtime    rlentime rupdate  wcnt     rcnt"
  echo "1884160  3206144  22       132      7155162  104112268 7155162  8104306  8104306  7155162  0        0"; } > "$z/pool1/io"
kstat "$z/pool1/objset-0x36" "dataset_name 7 pool1" "writes 4 4" "nwritten 4 12302" "reads 4 2" "nread 4 28" \
    "nunlinks 4 3" "nunlinked 4 3"
echo ONLINE > "$z/pool1/state"
{ echo "49 1 0x01 7 2160 5214787391 74985931356512"
  printf '%-32s%-5s%s\n' name type data
  printf '%-32s%-5s%s\n' dataset_name 7 "pool2/home dir" writes 4 0 nwritten 4 0 reads 4 1 nread 4 512; } \
    > "$z/pool2/objset-0x88"
echo DEGRADED > "$z/pool2/state"
