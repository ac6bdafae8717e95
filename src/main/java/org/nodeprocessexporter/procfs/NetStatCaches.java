package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-CPU tables of {@code /proc/net/stat/} ({@code arp_cache}, {@code nf_conntrack},
 * {@code rt_cache}, ...; what lnstat(8) reads): a header line of column names, then one line of
 * hexadecimal counters per CPU. As prometheus/procfs keeps them: each column's values in the order
 * of the lines, so the n-th value of a column is CPU n.
 */
public final class NetStatCaches {
    private NetStatCaches() {
    }

    /** One file: its name and its columns in header order, each with its per-CPU values. */
    public record Table(String name, Map<String, long[]> columns) {
    }

    /** Every file of {@code net/stat}, sorted by name; none when the directory is missing. */
    public static List<Table> read(Path procRoot) throws IOException {
        Path dir = procRoot.resolve("net/stat");
        List<Path> files = new ArrayList<>();
        if (dir.toFile().isDirectory()) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                ds.forEach(files::add);
            } catch (NoSuchFileException e) {
                return List.of();
            }
        }
        files.sort(null);
        List<Table> out = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                out.add(parse(file.getFileName().toString(), ProcFile.readString(file)));
            }
        }
        return out;
    }

    /**
     * @throws IOException for a counter that is not hexadecimal or a line with more counters than
     *                     the header has names (upstream's parser would index past its headers)
     */
    public static Table parse(String name, String text) throws IOException {
        List<String> lines = Fields.lines(text);
        Map<String, long[]> columns = new LinkedHashMap<>();
        if (lines.isEmpty()) {
            return new Table(name, columns);
        }
        String[] headers = Fields.split(lines.get(0));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String h : headers) {
            columns.putIfAbsent(h, new long[lines.size()]);
            counts.putIfAbsent(h, 0);
        }
        for (int l = 1; l < lines.size(); l++) {
            String[] values = Fields.split(lines.get(l));
            if (values.length > headers.length) {
                throw new IOException("net/stat/" + name + " line " + (l + 1) + " has " + values.length
                        + " counters for " + headers.length + " columns");
            }
            for (int i = 0; i < values.length; i++) {
                String h = headers[i];
                int n = counts.get(h);
                long[] column = columns.get(h);
                if (n == column.length) { // a name the header repeats gets more values than lines
                    column = Arrays.copyOf(column, n * 2);
                    columns.put(h, column);
                }
                column[n] = hex(values[i], name);
                counts.put(h, n + 1);
            }
        }
        for (Map.Entry<String, long[]> e : columns.entrySet()) {
            e.setValue(Arrays.copyOf(e.getValue(), counts.get(e.getKey())));
        }
        return new Table(name, columns);
    }

    /** Go's {@code strconv.ParseUint(s, 16, 64)}: hex digits only, no sign, no prefix. */
    private static long hex(String s, String file) throws IOException {
        try {
            return GoNumbers.parseUint(s, 16, 64);
        } catch (NumberFormatException e) {
            throw new IOException("invalid counter " + s + " in net/stat/" + file, e);
        }
    }
}
