package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /proc/loadavg}: the 1, 5 and 15 minute load averages.
 *
 * @param load1  1-minute average
 * @param load5  5-minute average
 * @param load15 15-minute average
 */
public record Loadavg(double load1, double load5, double load15) {

    public static Loadavg read(Path procRoot) throws IOException {
        return parse(Files.readString(procRoot.resolve("loadavg")));
    }

    public static Loadavg parse(String text) throws IOException {
        String[] fields = Fields.split(text);
        if (fields.length < 3) {
            throw new IOException("malformed loadavg: " + text.trim());
        }
        try {
            return new Loadavg(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2]));
        } catch (NumberFormatException e) {
            throw new IOException("malformed loadavg: " + text.trim(), e);
        }
    }
}
