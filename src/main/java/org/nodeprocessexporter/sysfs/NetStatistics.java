package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.ReadStatus;

/**
 * {@code /sys/class/net/<iface>/statistics/*} (Documentation/ABI/testing/sysfs-class-net-statistics):
 * the counters of {@code struct rtnl_link_stats64}, the same numbers rtnetlink's {@code IFLA_STATS64}
 * gives, one decimal number per file. Each file read makes the kernel collect the device's stats anew,
 * and an open of a sysfs file is not cheap: read only the counters needed.
 */
public final class NetStatistics {
    /** The files read, in {@code struct rtnl_link_stats64} order (include/uapi/linux/if_link.h). */
    public static final String[] FILES = {
        "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
        "multicast", "collisions", "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
        "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
        "tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler",
    };
    public static final int COUNT = 24;

    public static final int RX_PACKETS = 0;
    public static final int TX_PACKETS = 1;
    public static final int RX_BYTES = 2;
    public static final int TX_BYTES = 3;
    public static final int RX_ERRORS = 4;
    public static final int TX_ERRORS = 5;
    public static final int RX_DROPPED = 6;
    public static final int TX_DROPPED = 7;
    public static final int MULTICAST = 8;
    public static final int COLLISIONS = 9;
    public static final int RX_LENGTH_ERRORS = 10;
    public static final int RX_OVER_ERRORS = 11;
    public static final int RX_CRC_ERRORS = 12;
    public static final int RX_FRAME_ERRORS = 13;
    public static final int RX_FIFO_ERRORS = 14;
    public static final int RX_MISSED_ERRORS = 15;
    public static final int TX_ABORTED_ERRORS = 16;
    public static final int TX_CARRIER_ERRORS = 17;
    public static final int TX_FIFO_ERRORS = 18;
    public static final int TX_HEARTBEAT_ERRORS = 19;
    public static final int TX_WINDOW_ERRORS = 20;
    public static final int RX_COMPRESSED = 21;
    public static final int TX_COMPRESSED = 22;
    public static final int RX_NOHANDLER = 23;

    private NetStatistics() {
    }

    /** The interfaces of {@code class/net} (its directories, so not {@code bonding_masters}), sorted. */
    public static List<String> interfaces(Path sysRoot) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sysRoot.resolve("class/net"))) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    /**
     * Reads the counters of one interface into {@code values} (length {@value #COUNT}, in {@link #FILES}
     * order), through the caller's reusable buffer. A counter this kernel lacks (rx_nohandler before
     * 4.6) reads as 0, as in rtnetlink's zero-filled struct.
     *
     * @return false when the entry has no {@code statistics} directory (not an interface, or gone)
     */
    public static boolean read(Path ifaceDir, ProcFile buf, double[] values) {
        Path dir = ifaceDir.resolve("statistics");
        for (int i = 0; i < COUNT; i++) {
            ReadStatus s = buf.readSingleShow(dir.resolve(FILES[i]));
            if (s == ReadStatus.OK) {
                values[i] = parse(buf.buffer(), buf.length());
            } else if (i == 0) {
                return false;
            } else {
                values[i] = 0;
            }
        }
        return true;
    }

    /** One counter of one interface ({@code index} into {@link #FILES}); -1 when it cannot be read. */
    public static double readOne(Path ifaceDir, int index, ProcFile buf) {
        if (buf.readSingleShow(ifaceDir.resolve("statistics").resolve(FILES[index])) != ReadStatus.OK) {
            return -1;
        }
        return parse(buf.buffer(), buf.length());
    }

    /**
     * The unsigned decimal at the start of {@code b} (the kernel writes {@code "%llu\n"}), as a double;
     * 0 when there is none, so that a garbled file never puts NaN into the exposition.
     */
    static double parse(byte[] b, int len) {
        double v = 0;
        for (int i = 0; i < len; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** For tests: parse one file's text. */
    public static double parse(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return parse(b, b.length);
    }

}
