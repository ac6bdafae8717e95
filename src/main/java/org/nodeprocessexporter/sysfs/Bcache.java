package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One bcache cache set, {@code /sys/fs/bcache/<uuid>} (Documentation/admin-guide/bcache.rst): the
 * set's btree figures, and the counters of its backing ({@code bdevN}) and cache ({@code cacheN})
 * devices. Values are written by the kernel's {@code bch_hprint}: {@code 1.5M}, {@code 12k}, ...
 *
 * @param uuid the cache set's directory name
 * @param set  file of the set (relative path, e.g. {@code internal/btree_nodes}) to value
 */
public record Bcache(String uuid, java.util.Map<String, Double> set, List<Bdev> bdevs, List<Cache> caches) {

    public static final String[] SET_FILES = {"average_key_size", "btree_cache_size", "cache_available_percent",
        "congested", "root_usage_percent", "tree_depth", "internal/active_journal_entries", "internal/btree_nodes",
        "internal/btree_read_average_duration_us", "internal/cache_read_races"};
    public static final String[] PERIOD_FILES = {"bypassed", "cache_bypass_hits", "cache_bypass_misses",
        "cache_hits", "cache_miss_collisions", "cache_misses", "cache_readaheads"};

    /**
     * @param total     {@code stats_total/<file>} to value
     * @param rate      writeback_rate_debug's {@code rate} in bytes per second, and so on
     */
    public record Bdev(String name, double dirtyData, java.util.Map<String, Double> total, double rate,
                       double target, double proportional, double integral, double change) {
    }

    /** @param unusedPercent and metadataPercent from priority_stats, null when not read */
    public record Cache(String name, double ioErrors, double metadataWritten, double written,
                        Double unusedPercent, Double metadataPercent) {
    }

    /** Every cache set; none when bcache is not loaded. priority_stats is costly: read it on request only. */
    public static List<Bcache> read(Path sysRoot, boolean priorityStats) throws IOException {
        List<Bcache> out = new ArrayList<>();
        for (Path dir : SysfsFiles.list(sysRoot.resolve("fs/bcache"), "*-*")) {
            out.add(readOne(dir, priorityStats));
        }
        return out;
    }

    /** One cache set; apart from {@link #read}, so that a host without bcache never compiles it. */
    private static Bcache readOne(Path dir, boolean priorityStats) throws IOException {
        java.util.Map<String, Double> set = new java.util.LinkedHashMap<>();
        for (String f : SET_FILES) {
            set.put(f, value(dir.resolve(f)));
        }
        List<Bdev> bdevs = new ArrayList<>();
        for (Path b : SysfsFiles.list(dir, "bdev[0-9]*")) {
            java.util.Map<String, Double> total = new java.util.LinkedHashMap<>();
            for (String f : PERIOD_FILES) {
                total.put(f, value(b.resolve("stats_total").resolve(f)));
            }
            double[] wb = writebackRateDebug(Files.readString(b.resolve("writeback_rate_debug")));
            bdevs.add(new Bdev(b.getFileName().toString(), value(b.resolve("dirty_data")), total,
                    wb[0], wb[1], wb[2], wb[3], wb[4]));
        }
        List<Cache> caches = new ArrayList<>();
        for (Path c : SysfsFiles.list(dir, "cache[0-9]*")) {
            Double unused = null;
            Double metadata = null;
            if (priorityStats) {
                for (String line : Files.readAllLines(c.resolve("priority_stats"))) {
                    if (line.startsWith("Unused:")) {
                        unused = percent(line);
                    } else if (line.startsWith("Metadata:")) {
                        metadata = percent(line);
                    }
                }
            }
            caches.add(new Cache(c.getFileName().toString(), value(c.resolve("io_errors")),
                    value(c.resolve("metadata_written")), value(c.resolve("written")), unused, metadata));
        }
        return new Bcache(dir.getFileName().toString(), set, bdevs, caches);
    }

    private static double value(Path file) throws IOException {
        String text = Files.readString(file).trim();
        try {
            return dehumanize(text);
        } catch (NumberFormatException e) {
            throw new IOException("malformed " + file + ": " + text, e);
        }
    }

    private static double percent(String line) throws IOException {
        String[] f = line.trim().split("\\s+");
        String v = f[f.length - 1];
        try {
            return Long.parseLong(v.endsWith("%") ? v.substring(0, v.length() - 1) : v);
        } catch (NumberFormatException e) {
            throw new IOException("malformed priority_stats line: " + line, e);
        }
    }

    /** rate, target, proportional, integral, change of {@code writeback_rate_debug} ("rate: 1.1M/sec"). */
    static double[] writebackRateDebug(String text) {
        double[] out = new double[5];
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String v = line.substring(colon + 1).trim();
            if (v.endsWith("/sec")) {
                v = v.substring(0, v.length() - 4);
            }
            int i = switch (key) {
                case "rate" -> 0;
                case "target" -> 1;
                case "proportional" -> 2;
                case "integral" -> 3;
                case "change" -> 4;
                default -> -1;
            };
            if (i >= 0) {
                out[i] = dehumanize(v);
            }
        }
        return out;
    }

    /**
     * The inverse of bch_hprint: a number with an optional k/M/G/T/P/E/Z/Y (powers of 1024) suffix.
     * Its fraction is in 1/1024ths printed as a decimal number, hence ".5" means 5/10.24 of 1/100.
     */
    public static double dehumanize(String text) {
        if (text.isEmpty()) {
            throw new NumberFormatException("empty value");
        }
        char last = text.charAt(text.length() - 1);
        if (last <= '9') {
            return Double.parseDouble(text);
        }
        int power = "kMGTPEZY".indexOf(last) + 1;
        if (power == 0) {
            throw new NumberFormatException("unknown multiplier in " + text);
        }
        String mant = text.substring(0, text.length() - 1);
        int dot = mant.indexOf('.');
        double value;
        if (dot < 0) {
            value = Double.parseDouble(mant);
        } else {
            double intPart = Double.parseDouble(mant.substring(0, dot));
            double frac = Double.parseDouble(mant.substring(dot + 1)) / 10.24;
            value = intPart < 0 || mant.startsWith("-") ? intPart - frac : intPart + frac;
        }
        return Math.floor(Math.abs(value * Math.pow(1024, power))) * Math.signum(value);
    }
}
