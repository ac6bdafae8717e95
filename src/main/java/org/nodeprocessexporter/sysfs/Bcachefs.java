package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One mounted bcachefs filesystem, {@code /sys/fs/bcachefs/<uuid>} (the kernel's fs/bcachefs/sysfs.c):
 * btree cache size, compression_stats, errors, counters/*, btree_write_stats and the member devices
 * {@code dev-<n>}. Sizes are printed human readable by the kernel ({@code 1.5G}, {@code 112k}); they are
 * read as binary multiples and truncated to whole bytes, as prometheus/procfs does. A missing file is
 * zero or empty; a file that is there but does not parse fails the read.
 *
 * @param compression algorithm to {compressed, uncompressed} bytes
 * @param errors      error name to count
 * @param counters    counter name to its "since filesystem creation" value
 * @param btreeWrites write type to {count, average size in bytes}
 * @param devices     device index (the part after {@code dev-}) to device
 */
public record Bcachefs(String uuid, long btreeCacheSize, Map<String, long[]> compression, Map<String, Long> errors,
                       Map<String, Long> counters, Map<String, long[]> btreeWrites, Map<String, Device> devices) {

    /**
     * @param ioDone   operation (read, write) to data type to bytes
     * @param ioErrors error type to count since filesystem creation
     */
    public record Device(String label, String state, long bucketSize, long buckets, long durability,
                         Map<String, Map<String, Long>> ioDone, Map<String, Long> ioErrors) {
    }

    /** Every filesystem under {@code <sys>/fs/bcachefs}; NoSuchFileException when bcachefs is not loaded. */
    public static List<Bcachefs> read(Path sysRoot) throws IOException {
        Path base = sysRoot.resolve("fs/bcachefs");
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path p : ds) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(p);
                }
            }
        }
        dirs.sort(null);
        List<Bcachefs> out = new ArrayList<>();
        for (Path d : dirs) {
            out.add(readOne(d));
        }
        return out;
    }

    static Bcachefs readOne(Path dir) throws IOException {
        String cache = optional(dir.resolve("btree_cache_size"));
        long cacheSize = cache == null || cache.isEmpty() ? 0 : humanBytes(cache);
        return new Bcachefs(dir.getFileName().toString(), cacheSize,
                parseCompressionStats(optional(dir.resolve("compression_stats"))),
                parseErrors(optional(dir.resolve("errors"))),
                readCounters(dir.resolve("counters")),
                parseBtreeWriteStats(optional(dir.resolve("btree_write_stats"))),
                readDevices(dir));
    }

    /** The file's content, or null when it does not exist; other read errors propagate. */
    private static String optional(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** {@code 542k}, {@code 1.5G}, {@code 405}: binary multiples k..E, truncated to whole bytes. */
    public static long humanBytes(String s) {
        String v = s.trim();
        if (v.isEmpty()) {
            throw new NumberFormatException("empty size");
        }
        int exp = switch (Character.toLowerCase(v.charAt(v.length() - 1))) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            case 'p' -> 5;
            case 'e' -> 6;
            default -> 0;
        };
        if (exp > 0) {
            v = v.substring(0, v.length() - 1).trim();
        }
        double d = Double.parseDouble(v);
        return (long) (d * Math.pow(1024, exp));
    }

    /** A header line, then {@code <algorithm>: <compressed> <uncompressed> [<average extent>]}. */
    static Map<String, long[]> parseCompressionStats(String text) {
        Map<String, long[]> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = fields(lines[i]);
            if (f.length < 3) {
                continue;
            }
            out.put(trimColon(f[0]), new long[] {humanBytes(f[1]), humanBytes(f[2])});
        }
        return out;
    }

    /** {@code <error name> <count> [<last time>]} per line. */
    static Map<String, Long> parseErrors(String text) {
        Map<String, Long> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            String[] f = fields(line);
            if (f.length < 2) {
                continue;
            }
            long count = Long.parseUnsignedLong(f[1]);
            if (f.length >= 3) {
                Long.parseUnsignedLong(f[2]);
            }
            out.put(f[0], count);
        }
        return out;
    }

    private static Map<String, Long> readCounters(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        }
        for (Path p : files) {
            String text = optional(p);
            // A counter file that vanished after the listing counts 0, as in prometheus/procfs.
            out.put(p.getFileName().toString(), text == null ? 0 : parseCounter(text));
        }
        return out;
    }

    /** {@code since mount: <n>} and {@code since filesystem creation: <n>}; the latter, 0 when absent. */
    public static long parseCounter(String text) {
        boolean seen = false;
        long creation = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("since mount:")) {
                humanBytes(line.substring("since mount:".length()));
                seen = true;
            } else if (line.startsWith("since filesystem creation:")) {
                creation = humanBytes(line.substring("since filesystem creation:".length()));
                seen = true;
            }
        }
        if (!seen) {
            throw new IllegalArgumentException("counter file format not recognized");
        }
        return creation;
    }

    /** A header line, then {@code <type>: <count> <average size>}. */
    static Map<String, long[]> parseBtreeWriteStats(String text) {
        Map<String, long[]> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = fields(lines[i]);
            if (f.length < 3) {
                continue;
            }
            out.put(trimColon(f[0]), new long[] {Long.parseUnsignedLong(f[1]), humanBytes(f[2])});
        }
        return out;
    }

    private static Map<String, Device> readDevices(Path dir) throws IOException {
        Map<String, Device> out = new TreeMap<>();
        for (Path d : SysfsFiles.list(dir, "dev-*")) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String label = SysfsFiles.optional(d.resolve("label"));
            String state = SysfsFiles.optional(d.resolve("state"));
            String bucket = SysfsFiles.optional(d.resolve("bucket_size"));
            out.put(d.getFileName().toString().substring("dev-".length()), new Device(
                    label == null ? "" : label, state == null ? "" : state,
                    bucket == null || bucket.isEmpty() ? 0 : humanBytes(bucket),
                    uint(d.resolve("nbuckets")), uint(d.resolve("durability")),
                    parseIoDone(optional(d.resolve("io_done"))), parseIoErrors(optional(d.resolve("io_errors")))));
        }
        return out;
    }

    private static long uint(Path file) throws IOException {
        String v = optional(file);
        return v == null ? 0 : Long.parseUnsignedLong(v.trim());
    }

    /** {@code read:} / {@code write:} section headers, then {@code <data type> : <bytes>} lines. */
    static Map<String, Map<String, Long>> parseIoDone(String text) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        Map<String, Long> current = null;
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("read:") || line.equals("write:")) {
                current = out.computeIfAbsent(line.substring(0, line.length() - 1), k -> new TreeMap<>());
                continue;
            }
            int colon = line.indexOf(':');
            if (current == null || colon < 0) {
                continue;
            }
            current.put(line.substring(0, colon).trim(), Long.parseUnsignedLong(line.substring(colon + 1).trim()));
        }
        return out;
    }

    /** The {@code IO errors since filesystem creation} section: {@code <type>: <count>} lines. */
    static Map<String, Long> parseIoErrors(String text) {
        Map<String, Long> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        boolean inCreation = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("IO errors since filesystem creation")) {
                inCreation = true;
                continue;
            }
            if (line.startsWith("IO errors since ")) {
                break;
            }
            String t = line.trim();
            int colon = t.indexOf(':');
            if (!inCreation || t.isEmpty() || colon < 0) {
                continue;
            }
            out.put(t.substring(0, colon).trim(), Long.parseUnsignedLong(t.substring(colon + 1).trim()));
        }
        return out;
    }

    private static String[] fields(String line) {
        String t = line.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static String trimColon(String s) {
        return s.endsWith(":") ? s.substring(0, s.length() - 1) : s;
    }
}
