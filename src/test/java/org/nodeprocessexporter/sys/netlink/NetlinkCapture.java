package org.nodeprocessexporter.sys.netlink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes the raw reply datagrams of the dumps the netlink collectors make into files, for the
 * parser tests: run inside the network namespace {@code scripts/capture-fixtures-netlink.sh}
 * sets up. Each file is the datagrams of one dump one after the other, which is itself a valid
 * stream of netlink messages ending in NLMSG_DONE.
 */
public final class NetlinkCapture {
    private NetlinkCapture() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        var buffer = NetlinkSocket.newBuffer();
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, buffer)) {
            capture(s, dir.resolve("link.bin"), () -> RtNetlink.links(s));
            capture(s, dir.resolve("qdisc.bin"), () -> RtNetlink.qdiscs(s));
            capture(s, dir.resolve("route.bin"), () -> RtNetlink.routes(s));
        }
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_SOCK_DIAG, buffer)) {
            capture(s, dir.resolve("inet_diag4.bin"), () -> InetDiag.tcp(s, InetDiag.AF_INET, new InetDiag.TcpCounts()));
            capture(s, dir.resolve("inet_diag6.bin"), () -> InetDiag.tcp(s, InetDiag.AF_INET6, new InetDiag.TcpCounts()));
        }
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC, buffer)) {
            capture(s, dir.resolve("genl_nlctrl.bin"), () -> GenericNetlink.resolve(s, "nlctrl"));
        }
    }

    private interface Dump {
        void run() throws IOException;
    }

    private static void capture(NetlinkSocket s, Path file, Dump dump) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Consumer<ByteBuffer> tap = d -> {
            byte[] b = new byte[d.remaining()];
            d.get(b);
            out.write(b, 0, b.length);
        };
        s.tap(tap);
        dump.run();
        s.tap(null);
        Files.write(file, out.toByteArray());
    }
}
