package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /proc/meminfo}, as node_exporter reads it: every line, in file order, with values in bytes
 * where the kernel gives kB, and the key's parentheses turned into underscores
 * ({@code Active(anon)} becomes {@code Active_anon}).
 *
 * @param bytes  fields that had a {@code kB} unit, in bytes
 * @param counts fields without a unit (HugePages_Total, ...), as given
 */
public record Meminfo(Map<String, Double> bytes, Map<String, Double> counts) {

    public static Meminfo read(Path procRoot) throws IOException {
        return parse(Files.readString(procRoot.resolve("meminfo")));
    }

    public static Meminfo parse(String text) throws IOException {
        Map<String, Double> bytes = new LinkedHashMap<>();
        Map<String, Double> counts = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).replace('(', '_').replace(")", "");
            String[] parts = Fields.split(line.substring(colon + 1));
            if (parts.length == 0) {
                throw new IOException("malformed meminfo line: " + line);
            }
            double value;
            try {
                value = Fields.number(parts[0], "meminfo");
            } catch (IOException e) {
                throw new IOException("malformed meminfo line: " + line, e);
            }
            if (parts.length > 1 && parts[1].equals("kB")) {
                bytes.put(key, value * 1024);
            } else if (parts.length == 1) {
                counts.put(key, value);
            } else {
                throw new IOException("unknown unit in meminfo line: " + line);
            }
        }
        if (bytes.isEmpty() && counts.isEmpty()) {
            throw new IOException("empty meminfo");
        }
        return new Meminfo(bytes, counts);
    }
}
