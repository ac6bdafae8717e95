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
