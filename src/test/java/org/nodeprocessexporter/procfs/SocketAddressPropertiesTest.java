package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random addresses printed the way the kernel prints them parse back to the same bytes and text. */
class SocketAddressPropertiesTest {

    @Provide
    Arbitrary<byte[]> v6() {
        // mostly zero-rich addresses so that "::" runs, ties and mapped addresses all occur
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) 0)), net.jqwik.api.Tuple.of(2, Arbitraries.bytes()));
        Arbitrary<byte[]> random = b.array(byte[].class).ofSize(16);
        Arbitrary<byte[]> mapped = Arbitraries.bytes().array(byte[].class).ofSize(4).map(v4 -> {
            byte[] a = new byte[16];
            a[10] = (byte) 0xff;
            a[11] = (byte) 0xff;
            System.arraycopy(v4, 0, a, 12, 4);
            return a;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, random), net.jqwik.api.Tuple.of(1, mapped));
    }

    @Provide
    Arbitrary<byte[]> v4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    @Provide
    Arbitrary<ByteOrder> orders() {
        return Arbitraries.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);
    }

    private static String kernelHex(byte[] addr, ByteOrder order) {
        StringBuilder sb = new StringBuilder();
        ByteBuffer bb = ByteBuffer.wrap(addr).order(order);
        for (int i = 0; i < addr.length; i += 4) {
            sb.append(String.format("%08X", bb.getInt(i)));
        }
        return sb.toString();
    }

    private static SocketTable parseOne(boolean ipv6, byte[] local, int lport, byte[] remote, int rport, int st,
                                        ByteOrder order) {
        String line = String.format("  sl  local_address rem_address\n%4d: %s:%04X %s:%04X %02X 00000000:00000000"
                        + " 00:00000000 00000000  1000        0 %d 1 0000000000000000 100 0 0 10 0\n",
                0, kernelHex(local, order), lport, kernelHex(remote, order), rport, st, 4242);
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        SocketTable t = new SocketTable(ipv6);
        t.parse(b, b.length, order);
        assertThat(t.size()).isEqualTo(1);
        return t;
    }

    @Property
    void ipv4RoundTrip(@ForAll("v4") byte[] local, @ForAll("v4") byte[] remote,
                       @ForAll @IntRange(max = 65535) int lport, @ForAll @IntRange(max = 65535) int rport,
                       @ForAll @IntRange(min = 1, max = 13) int st, @ForAll("orders") ByteOrder order) throws Exception {
        SocketTable t = parseOne(false, local, lport, remote, rport, st, order);
        assertThat(SocketAddressText.toBytes(false, t.localHi(0), t.localLo(0))).isEqualTo(local);
        assertThat(SocketAddressText.toBytes(false, t.remoteHi(0), t.remoteLo(0))).isEqualTo(remote);
        assertThat(t.localEndpoint(0)).isEqualTo(InetAddress.getByAddress(local).getHostAddress() + ":" + lport);
        assertThat(t.remoteEndpoint(0)).isEqualTo(InetAddress.getByAddress(remote).getHostAddress() + ":" + rport);
        assertThat(t.state(0)).isEqualTo(st);
        assertThat(t.inode(0)).isEqualTo(4242);
    }

    @Property
    void ipv6RoundTrip(@ForAll("v6") byte[] local, @ForAll("v6") byte[] remote,
                       @ForAll @IntRange(max = 65535) int lport, @ForAll @IntRange(max = 65535) int rport,
                       @ForAll("orders") ByteOrder order) throws Exception {
        SocketTable t = parseOne(true, local, lport, remote, rport, 1, order);
        assertThat(SocketAddressText.toBytes(true, t.localHi(0), t.localLo(0))).isEqualTo(local);
        assertThat(SocketAddressText.toBytes(true, t.remoteHi(0), t.remoteLo(0))).isEqualTo(remote);
        assertThat(t.localEndpoint(0)).isEqualTo("[" + rfc5952(local) + "]:" + lport);
        assertThat(t.remotePort(0)).isEqualTo(rport);
        String text = SocketAddressText.address(true, t.localHi(0), t.localLo(0));
        byte[] reparsed = InetAddress.getByName(text).getAddress();
        if (reparsed.length == 4) { // Java turns ::ffff:a.b.c.d into an Inet4Address
            assertThat(Arrays.copyOfRange(local, 12, 16)).isEqualTo(reparsed);
        } else {
            assertThat(reparsed).isEqualTo(local);
        }
    }

    /** Reference by string replacement: the textbook way, independent of the implementation's loop. */
    private static String rfc5952(byte[] a) throws Exception {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= a[i] == 0;
        }
        mapped &= a[10] == (byte) 0xff && a[11] == (byte) 0xff;
        if (mapped) {
            return "::ffff:" + InetAddress.getByAddress(Arrays.copyOfRange(a, 12, 16)).getHostAddress();
        }
        StringBuilder full = new StringBuilder(":");
        for (int i = 0; i < 16; i += 2) {
            full.append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff))).append(':');
        }
        String s = full.toString(); // ":g0:g1:...:g7:"
        for (int n = 8; n >= 2; n--) {
            String run = ":" + "0:".repeat(n);
            int at = s.indexOf(run);
            if (at >= 0) {
                s = s.substring(0, at) + "::" + s.substring(at + run.length());
                break;
            }
        }
        // strip the wrapping colons unless they are part of "::"
        if (s.startsWith(":") && !s.startsWith("::")) {
            s = s.substring(1);
        }
        if (s.endsWith(":") && !s.endsWith("::")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
