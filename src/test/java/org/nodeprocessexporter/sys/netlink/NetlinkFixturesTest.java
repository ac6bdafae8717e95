package org.nodeprocessexporter.sys.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parsers over replies captured from this machine's kernel by
 * {@code scripts/capture-fixtures-netlink.sh}, whose namespace had exactly: lo, veth pairs va/vb
 * and vc/vd, 10.98.0.1/24 on va, 10.98.1.1/24 on vc, fd00:98::1/64 on va, a route to 10.77.0.0/16
 * via 10.98.0.2 metric 5, a multipath route to 10.66.0.0/16 via 10.98.0.2 (weight 2) and
 * 10.98.1.2 (weight 1), a tbf root qdisc (handle 1:) on va, and TCP sockets: a listener on
 * 127.0.0.1:7001 with one established connection (two sockets), one TIME_WAIT socket, and a
 * listener on [::1]:7002.
 */
class NetlinkFixturesTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/netlink");

    static ByteBuffer fixture(String name) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(DIR.resolve(name))).order(ByteOrder.nativeOrder());
    }

    /** Walks a captured dump; the walk must end at its NLMSG_DONE with nothing malformed. */
    static NetlinkMessages.Tally walk(String name, NetlinkMessages.Handler h) throws Exception {
        NetlinkMessages.Tally t = new NetlinkMessages.Tally();
        assertThat(NetlinkMessages.walk(fixture(name), 0, h, t)).as("reached NLMSG_DONE").isTrue();
        assertThat(t.malformed).isZero();
        return t;
    }

    static Map<Integer, String> links() throws Exception {
        Map<Integer, String> names = new HashMap<>();
        walk("link.bin", (type, b, off, len) -> RtNetlink.parseLink(b, off, len, names));
        return names;
    }

    static List<RtNetlink.Route> routes() throws Exception {
        List<RtNetlink.Route> out = new ArrayList<>();
        walk("route.bin", (type, b, off, len) -> out.add(RtNetlink.parseRoute(b, off, len)));
        return out;
    }

    @Test
    void linksNameEveryInterfaceOfTheNamespace() throws Exception {
        assertThat(links()).containsValues("lo", "va", "vb", "vc", "vd").hasSize(5).containsEntry(1, "lo");
    }

    @Test
    void qdiscsGiveTheTbfRootAndTheNoqueueOthers() throws Exception {
        List<RtNetlink.Qdisc> out = new ArrayList<>();
        walk("qdisc.bin", (type, b, off, len) -> out.add(RtNetlink.parseQdisc(b, off, len)));
        Map<Integer, String> names = links();
        Map<String, String> kinds = new HashMap<>();
        for (RtNetlink.Qdisc q : out) {
            kinds.put(names.get(q.ifindex()), q.kind());
            assertThat(q.parent()).as("every qdisc here is a root one").isZero();
        }
        assertThat(kinds).containsEntry("va", "tbf").containsEntry("vb", "noqueue").containsEntry("lo", "noqueue");
        RtNetlink.Qdisc tbf = out.stream().filter(q -> q.kind().equals("tbf")).findFirst().orElseThrow();
        assertThat(tbf.handle()).isEqualTo(0x10000L);
    }

    @Test
    void routesCarryGatewaysMetricsAndNextHops() throws Exception {
        Map<Integer, String> names = links();
        List<RtNetlink.Route> routes = routes();
        RtNetlink.Route viaGateway = routes.stream()
                .filter(r -> r.dst() != null && r.dst().length == 4 && (r.dst()[0] & 0xff) == 10 && r.dst()[1] == 77)
                .findFirst().orElseThrow();
        assertThat(viaGateway.dstLength()).isEqualTo(16);
        assertThat(viaGateway.gateway()).containsExactly(10, 98, 0, 2);
        assertThat(viaGateway.priority()).isEqualTo(5);
        assertThat(viaGateway.protocol()).isEqualTo(3); // RTPROT_BOOT, ip route's default
        assertThat(names.get((int) viaGateway.outIface())).isEqualTo("va");

        RtNetlink.Route multipath = routes.stream()
                .filter(r -> r.dst() != null && r.dst().length == 4 && r.dst()[1] == 66).findFirst().orElseThrow();
        assertThat(multipath.multipath()).hasSize(2);
        assertThat(multipath.multipath().get(0).hops()).isEqualTo(1); // weight 2
        assertThat(multipath.multipath().get(0).gateway()).containsExactly(10, 98, 0, 2);
        assertThat(names.get(multipath.multipath().get(1).ifindex())).isEqualTo("vc");
        assertThat(multipath.multipath().get(1).hops()).isZero();
    }

    @Test
    void inetDiagCountsTheSocketsPerState() throws Exception {
        InetDiag.TcpCounts v4 = new InetDiag.TcpCounts();
        walk("inet_diag4.bin", (type, b, off, len) -> InetDiag.add(b, off, len, v4));
        assertThat(v4.sockets).isEqualTo(4);
        assertThat(v4.byState[1]).as("established").isEqualTo(2);
        assertThat(v4.byState[6]).as("time_wait").isEqualTo(1);
        assertThat(v4.byState[10]).as("listen").isEqualTo(1);
        assertThat(v4.transmitQueued).as("a listener's send queue is its backlog limit").isEqualTo(8);

        InetDiag.TcpCounts v6 = new InetDiag.TcpCounts();
        walk("inet_diag6.bin", (type, b, off, len) -> InetDiag.add(b, off, len, v6));
        assertThat(v6.sockets).isEqualTo(1);
        assertThat(v6.byState[10]).isEqualTo(1);
    }

    @Test
    void theControllerResolvesItsOwnFamily() throws Exception {
        GenericNetlink.Family[] f = new GenericNetlink.Family[1];
        walk("genl_nlctrl.bin", (type, b, off, len) -> (f[0] = GenericNetlink.parseFamily(b, off, len)) != null);
        assertThat(f[0].id()).isEqualTo(0x10);
        assertThat(f[0].version()).isPositive();
    }
}
