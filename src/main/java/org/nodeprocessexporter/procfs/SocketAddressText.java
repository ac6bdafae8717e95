package org.nodeprocessexporter.procfs;

/**
 * Text forms of the compact addresses of {@link SocketTable}: IPv4 dotted quad, IPv6 in RFC 5952
 * form (lower case, leading zeros dropped, the longest run of two or more zero groups — the first
 * on a tie — as {@code ::}, IPv4-mapped {@code ::ffff:a.b.c.d}), and endpoints as {@code ip:port}
 * or {@code [ip]:port}.
 *
 * <p>An address is {@code (ipv6, hi, lo)}: for IPv4 {@code lo} holds the address as a big-endian
 * 32-bit value ({@code 127.0.0.1} is {@code 0x7F000001}) and {@code hi} is 0; for IPv6 {@code hi}
 * and {@code lo} are bytes 0-7 and 8-15, big-endian. These three primitives plus the port are a
 * cheap cache key for the label strings.
 */
public final class SocketAddressText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SocketAddressText() {
    }

    /** {@code a.b.c.d:port} or {@code [v6]:port}. */
    public static String endpoint(boolean ipv6, long hi, long lo, int port) {
        return appendEndpoint(new StringBuilder(ipv6 ? 48 : 21), ipv6, hi, lo, port).toString();
    }

    public static String address(boolean ipv6, long hi, long lo) {
        return appendAddress(new StringBuilder(ipv6 ? 40 : 15), ipv6, hi, lo).toString();
    }

    public static StringBuilder appendEndpoint(StringBuilder sb, boolean ipv6, long hi, long lo, int port) {
        if (ipv6) {
            sb.append('[');
            appendAddress(sb, true, hi, lo);
            sb.append(']');
        } else {
            appendAddress(sb, false, hi, lo);
        }
        return sb.append(':').append(port);
    }

    public static StringBuilder appendAddress(StringBuilder sb, boolean ipv6, long hi, long lo) {
        if (!ipv6) {
            return appendIpv4(sb, (int) lo);
        }
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return appendIpv4(sb.append("::ffff:"), (int) lo);
        }
        // find the longest run (>= 2) of zero 16-bit groups, first one on a tie
        int bestStart = -1;
        int bestLen = 1;
        int runStart = -1;
        for (int g = 0; g <= 8; g++) {
            boolean zero = g < 8 && group(hi, lo, g) == 0;
            if (zero && runStart < 0) {
                runStart = g;
            } else if (!zero && runStart >= 0) {
                if (g - runStart > bestLen) {
                    bestStart = runStart;
                    bestLen = g - runStart;
                }
                runStart = -1;
            }
        }
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLen - 1;
                continue;
            }
            if (g > 0 && g != bestStart + bestLen) {
                sb.append(':');
            }
            appendHexGroup(sb, group(hi, lo, g));
        }
        return sb;
    }

    /** The 4 or 16 network-order bytes, e.g. for {@link java.net.InetAddress#getByAddress(byte[])}. */
    public static byte[] toBytes(boolean ipv6, long hi, long lo) {
        if (!ipv6) {
            int a = (int) lo;
            return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    private static int group(long hi, long lo, int g) {
        long w = g < 4 ? hi : lo;
        return (int) (w >>> (48 - 16 * (g & 3))) & 0xFFFF;
    }

    private static StringBuilder appendIpv4(StringBuilder sb, int a) {
        return sb.append((a >>> 24) & 0xFF).append('.').append((a >>> 16) & 0xFF).append('.')
                .append((a >>> 8) & 0xFF).append('.').append(a & 0xFF);
    }

    private static void appendHexGroup(StringBuilder sb, int v) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (v >>> shift) & 0xF;
            if (d != 0 || started || shift == 0) {
                sb.append(HEX[d]);
                started = true;
            }
        }
    }
}
