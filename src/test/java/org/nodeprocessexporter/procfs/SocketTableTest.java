package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SocketTableTest {

    private static SocketTable parse(String fixture, boolean ipv6) {
        byte[] b = Fixtures.bytes(fixture);
        SocketTable t = new SocketTable(ipv6);
        t.parse(b, b.length, ByteOrder.LITTLE_ENDIAN); // fixtures were captured on x86-64
        return t;
    }

    @Test
    void capturedListeningSockets() {
        SocketTable t = parse("proc/5423/net/tcp", false);
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.malformedLines()).isZero();
        assertThat(t.localEndpoint(0)).isEqualTo("127.0.0.1:19102");
        assertThat(t.remoteEndpoint(0)).isEqualTo("0.0.0.0:0");
        assertThat(t.state(0)).isEqualTo(10);
        assertThat(t.inode(0)).isEqualTo(10509);
        int row = t.rowOfInode(1216);
        assertThat(row).isEqualTo(3);
        assertThat(t.localEndpoint(row)).isEqualTo("0.0.0.0:2024");
        assertThat(t.localPort(row)).isEqualTo(2024);
        assertThat(t.rowOfInode(999_999)).isEqualTo(-1);
        assertThat(parse("proc/5423/net/tcp6", true).size()).isZero();
    }

    @Test
    void allThirteenStates() {
        SocketTable t = parse("handmade/tcp-13-states", false);
        assertThat(t.size()).isEqualTo(13);
        for (int row = 0; row < 13; row++) {
            int st = row + 1;
            assertThat(t.state(row)).isEqualTo(st);
            assertThat(t.localEndpoint(row)).isEqualTo("10.48.137.158:" + (38800 + st));
            assertThat(t.remoteEndpoint(row)).isEqualTo(st == 10 ? "0.0.0.0:0" : "100.100.167.125:443");
            long inode = st == 6 || st == 12 ? 0 : 20000 + st;
            assertThat(t.inode(row)).isEqualTo(inode);
            if (inode != 0) {
                assertThat(t.rowOfInode(inode)).isEqualTo(row);
            }
        }
        assertThat(t.rowOfInode(0)).as("inode 0 has no owner").isEqualTo(-1);
    }

    @Test
    void ipv6AndIpv4MappedSockets() {
        SocketTable t = parse("handmade/tcp6-mixed", true);
        assertThat(t.size()).isEqualTo(5);
        assertThat(t.localEndpoint(0)).isEqualTo("[::]:0");
        assertThat(t.remoteEndpoint(0)).isEqualTo("[::]:0");
        assertThat(t.state(0)).isEqualTo(10);
        assertThat(t.localEndpoint(1)).isEqualTo("[::1]:8080");
        assertThat(t.remoteEndpoint(1)).isEqualTo("[::1]:51000");
        assertThat(t.localEndpoint(2)).isEqualTo("[fe80::1]:22");
        assertThat(t.remoteEndpoint(2)).isEqualTo("[fe80::abcd:ef01:2345:6789]:40000");
        assertThat(t.localEndpoint(3)).isEqualTo("[::ffff:127.0.0.1]:9100");
        assertThat(t.remoteEndpoint(3)).isEqualTo("[::ffff:10.0.0.7]:55555");
        assertThat(t.state(3)).isEqualTo(8);
        assertThat(t.localEndpoint(4)).isEqualTo("[2001:db8::8a2e:370:7334]:443");
        assertThat(t.remoteEndpoint(4)).isEqualTo("[2001:db8::1:0:0:1]:65535");
        assertThat(t.inode(4)).isZero();
        assertThat(t.rowOfInode(31004)).isEqualTo(3);
    }

    @Test
    void udpUnconnectedAndConnected() {
        SocketTable t = parse("handmade/udp-connected", false);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.localEndpoint(0)).isEqualTo("127.0.0.53:53");
        assertThat(t.state(0)).isEqualTo(7);
        assertThat(t.localEndpoint(1)).isEqualTo("192.168.1.20:54321");
        assertThat(t.remoteEndpoint(1)).isEqualTo("8.8.8.8:53");
        assertThat(t.state(1)).isEqualTo(1);
        assertThat(t.inode(1)).isEqualTo(41002);
    }

    @Test
    void truncatedTableKeepsCompleteLinesAndCountsTheCutOne() {
        SocketTable t = parse("handmade/tcp-truncated", false);
        assertThat(t.size()).isEqualTo(12);
        assertThat(t.malformedLines()).isEqualTo(1);
        assertThat(t.state(11)).isEqualTo(12);
    }

    @Test
    void reuseClearsThePreviousTable() {
        SocketTable t = parse("handmade/tcp-13-states", false);
        byte[] b = Fixtures.bytes("handmade/udp-connected");
        t.parse(b, b.length, ByteOrder.LITTLE_ENDIAN);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.rowOfInode(20001)).isEqualTo(-1);
    }

    @Test
    void bigEndianKernelOrder() {
        byte[] b = ("  sl local\n   0: 7F000001:0050 0A000007:01BB 01 00000000:00000000 00:00000000 00000000     0 0 77 1\n").getBytes();
        SocketTable t = new SocketTable(false);
        t.parse(b, b.length, ByteOrder.BIG_ENDIAN);
        assertThat(t.localEndpoint(0)).isEqualTo("127.0.0.1:80");
        assertThat(t.remoteEndpoint(0)).isEqualTo("10.0.0.7:443");
    }

    @Test
    void readThroughProcRoot() {
        SocketTable t = new SocketTable(false);
        ProcFile f = new ProcFile(64); // the table is read in several read() calls and the buffer grows
        assertThat(t.read(f, ProcPaths.netFile(ProcPaths.pidDir(Fixtures.procRoot(), 5371), "tcp")))
                .isEqualTo(ReadStatus.OK);
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.read(f, ProcPaths.netFile(ProcPaths.pidDir(Fixtures.procRoot(), 4), "tcp")))
                .isEqualTo(ReadStatus.GONE);
        assertThat(t.size()).isZero();
    }
}
