package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The text form of the OpenZFS (SPL) kstats under {@code /proc/spl/kstat/zfs}: a "named" kstat is a
 * header line, a {@code name type data} line, then one {@code name type data} line per statistic
 * ({@code arcstats}, {@code zil}, a pool's {@code objset-0x...}); an "io" kstat ({@code <pool>/io})
 * is a header line, a line of field names starting with {@code nread}, and a line of their values.
 */
public final class ZfsKstat {
    /** kstat data types exported: KSTAT_DATA_INT64 and KSTAT_DATA_UINT64. */
    public static final String INT64 = "3";
    public static final String UINT64 = "4";

    private ZfsKstat() {
    }

    /** One statistic: its name, kstat data type and the data as written. */
    public record Named(String name, String type, String data) {
    }

    /** One field of an io kstat, its value read as unsigned 64 bits (as a double). */
    public record IoField(String name, double value) {
    }

    /**
     * The statistics after the {@code name type data} line, in file order; lines with fewer than
     * three fields are skipped. A file without that line is an error, as upstream.
     */
    public static List<Named> parseNamed(String text, String file) throws IOException {
        List<Named> out = new ArrayList<>();
        boolean started = false;
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (!started) {
                started = f.length == 3 && f[0].equals("name") && f[1].equals("type") && f[2].equals("data");
                continue;
            }
            if (f.length >= 3) {
                out.add(new Named(f[0], f[1], f[2]));
            }
        }
        if (!started) {
            throw new IOException("did not parse a single \"" + file + "\" metric");
        }
        return out;
    }

    /** The fields of an io kstat; empty when the file has no {@code nread ...} line (12 or more names). */
    public static List<IoField> parseIo(String text, String file) throws IOException {
        List<IoField> out = new ArrayList<>();
        String[] names = null;
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (names == null) {
                if (f.length >= 12 && f[0].equals("nread")) {
                    names = f;
                }
                continue;
            }
            if (f.length < names.length) {
                throw new IOException(file + ": " + names.length + " fields expected, got: " + line);
            }
            for (int i = 0; i < names.length; i++) {
                out.add(new IoField(names[i], unsigned(f[i], file + " " + names[i])));
            }
        }
        return out;
    }

    /** A decimal unsigned 64-bit value as a double. */
    public static double unsigned(String s, String what) throws IOException {
        try {
            long v = Long.parseUnsignedLong(s);
            return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
        } catch (NumberFormatException e) {
            throw new IOException("could not parse expected integer value for \"" + what + "\": " + s);
        }
    }

    /** A decimal signed 64-bit value as a double. */
    public static double signed(String s, String what) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("could not parse expected integer value for \"" + what + "\": " + s);
        }
    }
}
