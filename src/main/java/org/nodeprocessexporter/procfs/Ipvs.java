package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IP Virtual Server tables: the totals of {@code /proc/net/ip_vs_stats} (hexadecimal counters
 * on its third line) and the virtual/real server pairs of {@code /proc/net/ip_vs}.
 */
public final class Ipvs {
    private Ipvs() {
    }

    public record Stats(long connections, long incomingPackets, long outgoingPackets, long incomingBytes,
            long outgoingBytes) {
    }

    /**
     * One real server under its virtual service. {@code localAddress} is empty for a firewall-mark
     * service, which has {@code localMark} instead.
     */
    public record Backend(String localAddress, int localPort, String localMark, String proto, String remoteAddress,
            int remotePort, long weight, long activeConn, long inactConn) {
    }

    public static Stats readStats(Path procfs) throws IOException {
        return parseStats(ProcFile.readString(procfs.resolve("net/ip_vs_stats")));
    }

    public static Stats parseStats(String text) throws IOException {
        List<String> lines = Fields.lines(text);
        if (lines.size() < 3) {
            throw new IOException("ip_vs_stats corrupt: too short");
        }
        String[] f = Fields.split(lines.get(2));
        if (f.length != 5) {
            throw new IOException("ip_vs_stats corrupt: unexpected number of fields: " + lines.get(2));
        }
        long[] v = new long[5];
        for (int i = 0; i < 5; i++) {
            try {
                v[i] = Long.parseUnsignedLong(f[i], 16);
            } catch (NumberFormatException e) {
                throw new IOException("ip_vs_stats corrupt: not a hexadecimal number: " + f[i]);
            }
        }
        return new Stats(v[0], v[1], v[2], v[3], v[4]);
    }

    public static List<Backend> readBackends(Path procfs) throws IOException {
        return parseBackends(ProcFile.readString(procfs.resolve("net/ip_vs")));
    }

    public static List<Backend> parseBackends(String text) throws IOException {
        List<Backend> out = new ArrayList<>();
        String proto = "";
        String mark = "";
        String local = "";
        int localPort = 0;
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length < 2 || f[0].equals("IP") || f[0].equals("Prot") || f[1].equals("RemoteAddress:Port")) {
                continue;
            }
            switch (f[0]) {
                case "TCP", "UDP" -> {
                    proto = f[0];
                    mark = "";
                    int colon = endpointColon(f[1]);
                    local = address(f[1], colon);
                    localPort = port(f[1], colon);
                }
                case "FWM" -> {
                    proto = f[0];
                    mark = f[1];
                    local = "";
                    localPort = 0;
                }
                case "->" -> {
                    if (f.length < 6) {
                        continue;
                    }
                    int colon = endpointColon(f[1]);
                    out.add(new Backend(local, localPort, mark, proto, address(f[1], colon), port(f[1], colon),
                            decimal(f[3]), decimal(f[4]), decimal(f[5])));
                }
                default -> {
                    // another protocol (SCTP) or a line this reader does not know: not exported, as upstream
                }
            }
        }
        return out;
    }

    private static int endpointColon(String s) throws IOException {
        int colon = s.lastIndexOf(':');
        if (colon < 0 || s.length() - colon - 1 != 4) {
            throw new IOException("ip_vs: unexpected IP:Port " + s);
        }
        return colon;
    }

    private static int port(String s, int colon) throws IOException {
        try {
            return Integer.parseInt(s, colon + 1, s.length(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("ip_vs: unexpected port in " + s);
        }
    }

    /** {@code 0A000001} (IPv4, hexadecimal network order) or {@code [2001:0db8:...:0001]} (IPv6, full form). */
    private static String address(String s, int colon) throws IOException {
        try {
            if (colon == 8) {
                long v = Long.parseLong(s, 0, 8, 16);
                return SocketAddressText.address(false, 0, v);
            }
            if (s.charAt(0) == '[' && s.charAt(colon - 1) == ']') {
                String[] groups = s.substring(1, colon - 1).split(":", -1);
                if (groups.length != 8) {
                    throw new IOException("ip_vs: unexpected IPv6 address in " + s);
                }
                long hi = 0;
                long lo = 0;
                for (int g = 0; g < 8; g++) {
                    long v = Long.parseLong(groups[g], 16);
                    if (v < 0 || v > 0xFFFF) {
                        throw new IOException("ip_vs: unexpected IPv6 address in " + s);
                    }
                    if (g < 4) {
                        hi = (hi << 16) | v;
                    } else {
                        lo = (lo << 16) | v;
                    }
                }
                if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
                    // Go's net.IP prints an IPv4-mapped address as plain IPv4
                    return SocketAddressText.address(false, 0, lo & 0xFFFFFFFFL);
                }
                return SocketAddressText.address(true, hi, lo);
            }
        } catch (NumberFormatException e) {
            throw new IOException("ip_vs: unexpected address in " + s);
        }
        throw new IOException("ip_vs: unexpected IP:Port " + s);
    }

    private static long decimal(String s) throws IOException {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("ip_vs: not a number: " + s);
        }
    }
}
