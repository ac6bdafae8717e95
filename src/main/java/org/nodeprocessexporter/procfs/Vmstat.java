package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /proc/vmstat}: one {@code name value} pair per line, in file order. */
public final class Vmstat {
    private Vmstat() {
    }

    public static Map<String, Double> read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("vmstat")));
    }

    public static Map<String, Double> parse(String text) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length == 0) {
                continue;
            }
            if (f.length < 2) {
                throw new IOException("malformed /proc/vmstat line: " + line);
            }
            out.put(f[0], Fields.number(f[1], "/proc/vmstat"));
        }
        return out;
    }
}
