package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /proc/pressure/<resource>}: the {@code total=} stall times of the {@code some} and
 * {@code full} lines, in microseconds; null for a line the file does not have.
 */
public record Pressure(Double someTotal, Double fullTotal) {

    public static Pressure read(Path procRoot, String resource) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("pressure").resolve(resource)), resource);
    }

    public static Pressure parse(String text, String resource) throws IOException {
        Double some = null;
        Double full = null;
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length == 0) {
                continue;
            }
            Double total = null;
            for (int i = 1; i < f.length; i++) {
                if (f[i].startsWith("total=")) {
                    total = Fields.number(f[i].substring(6), "/proc/pressure/" + resource);
                }
            }
            if (total == null) {
                throw new IOException("no total in /proc/pressure/" + resource + " line: " + line);
            }
            switch (f[0]) {
                case "some" -> some = total;
                case "full" -> full = total;
                default -> throw new IOException("unknown line in /proc/pressure/" + resource + ": " + line);
            }
        }
        return new Pressure(some, full);
    }
}
