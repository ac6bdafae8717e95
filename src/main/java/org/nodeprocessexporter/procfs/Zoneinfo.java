package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/zoneinfo}, read as prometheus/procfs reads it: the file is cut into blocks at each
 * line starting {@code Node}, and each block gives one zone with the values of the {@link #KEYS}
 * found anywhere in it. Since Linux 4.8 most counters are kept per node and printed once, under
 * {@code per-node stats} inside the block of the node's first zone: they are that zone's values
 * here, as upstream's. A key without a value, or whose value is not an integer, is absent (a later
 * bad value of a key erases an earlier good one, as upstream's parser does). Lines of no interest
 * (the per-CPU {@code pagesets}, {@code pages free}, ...) are skipped without building strings.
 * Nothing in the file is an error: garbage gives zones with fewer values.
 */
public final class Zoneinfo {
    /** The keys kept, in the order of prometheus/procfs' {@code Zoneinfo} struct. */
    public static final List<String> KEYS = List.of("nr_free_pages", "min", "low", "high", "scanned", "spanned",
            "present", "managed", "nr_active_anon", "nr_inactive_anon", "nr_isolated_anon", "nr_anon_pages",
            "nr_anon_transparent_hugepages", "nr_active_file", "nr_inactive_file", "nr_isolated_file",
            "nr_file_pages", "nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_mlock_stack", "nr_kernel_stack",
            "nr_mapped", "nr_dirty", "nr_writeback", "nr_unevictable", "nr_shmem", "nr_dirtied", "nr_written",
            "numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other");

    private static final byte[][] KEY_BYTES = new byte[KEYS.size()][];
    private static final byte[] NODE = AsciiCursor.ascii("\nNode");
    private static final byte[] PROTECTION = AsciiCursor.ascii("protection:");
    private static final byte[] ZONE = AsciiCursor.ascii(", zone");

    static {
        for (int i = 0; i < KEY_BYTES.length; i++) {
            KEY_BYTES[i] = AsciiCursor.ascii(KEYS.get(i));
        }
    }

    private Zoneinfo() {
    }

    /**
     * One block of the file.
     *
     * @param node       the node number, "" when the block has no {@code N, zone NAME}
     * @param zone       the zone name, ""  likewise
     * @param values     the value of each of {@link #KEYS}, where {@link #has} says it is there
     * @param present    bit i set when {@code values[i]} is there
     * @param protection the {@code protection: (...)} array, null when absent or not integers
     */
    public record Zone(String node, String zone, long[] values, long present, long[] protection) {
        public boolean has(int key) {
            return (present & (1L << key)) != 0;
        }
    }

    public static List<Zone> read(ProcFile file, Path procRoot) throws IOException {
        Path path = procRoot.resolve("zoneinfo");
        file.readWhole(path);
        return parse(file.buffer(), file.length());
    }

    public static List<Zone> parse(byte[] b, int len) {
        len = Math.min(len, b.length);
        List<Zone> zones = new ArrayList<>();
        int start = 0;
        while (true) {
            int next = AsciiCursor.indexOf(b, start, len, NODE);
            int end = next < 0 ? len : next;
            zones.add(block(b, start, end));
            if (next < 0) {
                return zones;
            }
            start = next + NODE.length; // the block begins after "\nNode", as with Go's bytes.Split
        }
    }

    private static Zone block(byte[] b, int from, int to) {
        String node = "";
        String zone = "";
        long[] values = new long[KEYS.size()];
        long present = 0;
        long[] protection = null;
        AsciiCursor line = new AsciiCursor(b, from, to);
        int pos = from;
        while (pos < to) {
            int eol = pos;
            while (eol < to && b[eol] != '\n') {
                eol++;
            }
            String[] nodeZone = nodeZone(b, pos, eol);
            if (nodeZone != null) {
                node = nodeZone[0];
                zone = nodeZone[1];
            } else {
                line.reset(pos, eol);
                line.optBlanks();
                int keyStart = line.pos;
                line.token();
                int keyEnd = line.pos;
                line.optBlanks();
                int valueStart = line.pos;
                line.token();
                int valueEnd = line.pos;
                if (keyEnd > keyStart && valueEnd > valueStart) { // upstream skips lines of fewer than two fields
                    if (equals(b, keyStart, keyEnd, PROTECTION)) {
                        long[] p = protection(b, keyEnd, eol);
                        if (p != null) {
                            protection = p;
                        }
                    } else {
                        int key = key(b, keyStart, keyEnd);
                        if (key >= 0) {
                            Long v = parseInt(b, valueStart, valueEnd);
                            if (v != null) {
                                values[key] = v;
                                present |= 1L << key;
                            } else {
                                present &= ~(1L << key);
                            }
                        }
                    }
                }
            }
            pos = eol + 1;
        }
        return new Zone(node, zone, values, present, protection);
    }

    /**
     * Upstream's {@code (\d+), zone\s+(\w+)} searched anywhere in the line: the digits before the
     * first {@code ", zone"} preceded by one, then blanks, then a word. Null when the line has none.
     */
    private static String[] nodeZone(byte[] b, int from, int to) {
        for (int at = AsciiCursor.indexOf(b, from, to, ZONE); at >= 0;
                at = AsciiCursor.indexOf(b, at + 1, to, ZONE)) {
            int digits = at;
            while (digits > from && b[digits - 1] >= '0' && b[digits - 1] <= '9') {
                digits--;
            }
            int p = at + ZONE.length;
            int blanks = p;
            while (p < to && isSpace(b[p])) {
                p++;
            }
            int word = p;
            while (p < to && isWord(b[p])) {
                p++;
            }
            if (digits < at && p > blanks && word > blanks && p > word) {
                return new String[] {new String(b, digits, at - digits, StandardCharsets.US_ASCII),
                    new String(b, word, p - word, StandardCharsets.US_ASCII)};
            }
        }
        return null;
    }

    /** {@code protection: (0, 3018, 4810)}: what follows the first colon, parentheses and blanks off, split at ", ". */
    private static long[] protection(byte[] b, int colonEnd, int eol) {
        int secondColon = colonEnd;
        while (secondColon < eol && b[secondColon] != ':') {
            secondColon++;
        }
        String rest = removeFirst(removeFirst(new String(b, colonEnd, secondColon - colonEnd,
                StandardCharsets.UTF_8), '('), ')').strip();
        String[] parts = rest.split(", ", -1);
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    private static String removeFirst(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s : s.substring(0, i) + s.substring(i + 1);
    }

    private static int key(byte[] b, int from, int to) {
        for (int i = 0; i < KEY_BYTES.length; i++) {
            if (equals(b, from, to, KEY_BYTES[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, as upstream's value parser calls it; null when it fails. */
    static Long parseInt(byte[] b, int from, int to) {
        if (b[from] != '0' || to - from == 1) { // a leading 0 is a base prefix
            AsciiCursor c = new AsciiCursor(b, from, to);
            long v = c.u64();
            if (!c.bad && c.atEnd()) {
                return v; // plain decimal, no sign: the common case, without a string
            }
        }
        String s = new String(b, from, to - from, StandardCharsets.UTF_8);
        boolean negative = s.startsWith("-");
        String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        try {
            long magnitude = GoNumbers.parseUint(digits, 0, 64);
            if (negative && Long.compareUnsigned(magnitude, Long.MIN_VALUE) <= 0) {
                return -magnitude;
            }
            return magnitude >= 0 && !negative ? magnitude : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; // RE2's \\s
    }

    private static boolean isWord(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean equals(byte[] b, int from, int to, byte[] word) {
        if (to - from != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[from + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
