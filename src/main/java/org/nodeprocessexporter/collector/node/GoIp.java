package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.procfs.SocketAddressText;

/**
 * Addresses as raw bytes (4 or 16, network order) to text the way Go's {@code net.IP.String} and
 * {@code net.IPNet.String} print them, which is what upstream puts into labels: an IPv4-mapped
 * IPv6 address prints as IPv4, IPv6 in RFC 5952 form, no address as "".
 */
final class GoIp {
    private GoIp() {
    }

    static String text(byte[] ip) {
        if (ip == null || ip.length == 0) {
            return "";
        }
        if (ip.length == 4) {
            return SocketAddressText.address(false, 0, word(ip, 0, 4));
        }
        if (ip.length == 16) {
            if (mapped(ip)) {
                return SocketAddressText.address(false, 0, word(ip, 12, 4));
            }
            return SocketAddressText.address(true, word(ip, 0, 8), word(ip, 8, 8));
        }
        StringBuilder sb = new StringBuilder("?"); // Go's text for an address of another length
        for (byte b : ip) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /**
     * {@code ip/prefixLength} as upstream's network_route prints a destination: "default" for a
     * zero-length prefix, Go's "&lt;nil&gt;" where its IPNet cannot be formed (a prefix longer than
     * the address).
     */
    static String prefix(byte[] ip, int prefixLength) {
        if (prefixLength == 0) {
            return "default";
        }
        boolean v4 = ip != null && (ip.length == 4 || (ip.length == 16 && mapped(ip)));
        boolean v6 = ip != null && ip.length == 16 && !v4;
        int bits = v4 ? 32 : 128;
        if ((!v4 && !v6) || prefixLength > bits) {
            return "<nil>";
        }
        return text(ip) + "/" + prefixLength;
    }

    private static boolean mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    private static long word(byte[] ip, int off, int len) {
        long w = 0;
        for (int i = 0; i < len; i++) {
            w = (w << 8) | (ip[off + i] & 0xff);
        }
        return w;
    }
}
