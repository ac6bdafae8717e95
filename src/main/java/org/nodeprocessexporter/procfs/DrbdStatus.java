package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/drbd} of DRBD up to 8.4 (drbd_proc.c), read the way node_exporter reads it: as a
 * stream of whitespace-separated words, of which only those with exactly one {@code :} count. A
 * word {@code N:} (N an unsigned decimal) starts device {@code drbdN}; every other {@code key:value}
 * word belongs to the current device ({@code unknown} before the first). The version banner, the
 * {@code GIT-hash:} line and the resync progress words are {@code key:value} words too, or are not;
 * the collector keeps the keys it knows.
 */
public final class DrbdStatus {
    private DrbdStatus() {
    }

    /** One {@code key:value} word and the device it belongs to. */
    public record Field(String device, String key, String value) {
    }

    public static List<Field> read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("drbd")));
    }

    public static List<Field> parse(String text) {
        List<Field> out = new ArrayList<>();
        String device = "unknown";
        for (String line : Fields.lines(text)) {
            for (String word : Fields.split(line)) {
                int colon = word.indexOf(':');
                if (colon < 0 || word.indexOf(':', colon + 1) >= 0) {
                    continue;
                }
                String key = word.substring(0, colon);
                String value = word.substring(colon + 1);
                String id = value.isEmpty() ? unsignedDecimal(key) : null;
                if (id != null) {
                    device = "drbd" + id;
                } else {
                    out.add(new Field(device, key, value));
                }
            }
        }
        return out;
    }

    /** Go's {@code strconv.ParseUint(s, 10, 64)} printed back with {@code %d}, or null. */
    private static String unsignedDecimal(String s) {
        try {
            return Long.toUnsignedString(GoNumbers.parseUint(s, 10, 64));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
