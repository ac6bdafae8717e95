package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/buddyinfo}: per node and zone, the number of free blocks of each order (block size
 * 2^order pages). Read as prometheus/procfs reads it: every line must have at least four fields
 * ({@code Node 0, zone DMA}), every line the same number of orders, and the values must be numbers;
 * anything else fails the whole file.
 */
public record BuddyInfo(List<Zone> zones) {

    /**
     * @param node the node number as written, without its comma
     * @param zone the zone name
     * @param free free blocks of order 0, 1, ...
     */
    public record Zone(String node, String zone, double[] free) {
    }

    public static BuddyInfo read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("buddyinfo")));
    }

    public static BuddyInfo parse(String text) throws IOException {
        List<Zone> zones = new ArrayList<>();
        int orders = -1;
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length < 4) {
                throw new IOException("invalid number of fields in /proc/buddyinfo line: " + line);
            }
            if (orders == -1) {
                orders = f.length - 4;
            } else if (orders != f.length - 4) {
                throw new IOException("mismatch in number of buddyinfo buckets, previous count " + orders
                        + ", new count " + (f.length - 4));
            }
            double[] free = new double[orders];
            for (int i = 0; i < orders; i++) {
                free[i] = Fields.number(f[i + 4], "/proc/buddyinfo");
            }
            zones.add(new Zone(trimCommas(f[1]), trimCommas(f[3]), free));
        }
        return new BuddyInfo(zones);
    }

    /** Go's {@code strings.TrimRight(s, ",")}. */
    private static String trimCommas(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ',') {
            end--;
        }
        return s.substring(0, end);
    }
}
