#!/usr/bin/env bash
# Captures the raw netlink replies the netlink parser tests read
# (src/test/resources/fixtures/netlink/*.bin), from a network namespace set up here with known
# contents: a veth pair with IPv4 and IPv6 addresses, a gateway route, a multipath route, a tbf
# root qdisc, and TCP sockets (a listener, one established connection, one in TIME_WAIT).
# Captured from this machine's kernel; nl80211 has no driver here, so its test messages are
# built by hand in Nl80211Test from include/uapi/linux/nl80211.h instead.
# Run as root after `mvn test-compile`. NetlinkFixturesTest asserts on exactly these contents.
set -euo pipefail
cd "$(dirname "$0")/.."
ns="nlcapture$$"
out=src/test/resources/fixtures/netlink
cleanup() { ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true; ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
ipn() { ip -n "$ns" "$@"; }
ipn link set lo up
ipn link add va type veth peer name vb
ipn link add vc type veth peer name vd
for l in va vb vc vd; do ipn link set "$l" up; done
ipn addr add 10.98.0.1/24 dev va
ipn addr add 10.98.1.1/24 dev vc
ipn addr add fd00:98::1/64 dev va nodad
ipn route add 10.77.0.0/16 via 10.98.0.2 metric 5
ipn route add 10.66.0.0/16 nexthop via 10.98.0.2 weight 2 nexthop via 10.98.1.2 weight 1
ip netns exec "$ns" tc qdisc add dev va root handle 1: tbf rate 1mbit burst 32kbit latency 400ms
ip netns exec "$ns" python3 - <<'PY' &
import socket, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); l.bind(("127.0.0.1", 7001)); l.listen(8)
c = socket.create_connection(("127.0.0.1", 7001)); a, _ = l.accept()
t = socket.create_connection(("127.0.0.1", 7001)); b, _ = l.accept(); t.close(); b.close()  # TIME_WAIT
l6 = socket.socket(socket.AF_INET6); l6.bind(("::1", 7002)); l6.listen(8)
open("/tmp/nlcapture.ready", "w").close()
time.sleep(30)
PY
for _ in $(seq 100); do [ -e /tmp/nlcapture.ready ] && break; sleep 0.1; done
rm -f /tmp/nlcapture.ready
cp="target/test-classes:target/classes:$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/fd/3 3>&1 >/dev/null)"
ip netns exec "$ns" java -cp "$cp" org.nodeprocessexporter.sys.netlink.NetlinkCapture "$out"
ip netns exec "$ns" ss -tan
ls -l "$out"
