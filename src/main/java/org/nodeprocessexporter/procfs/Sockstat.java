package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/net/sockstat} and {@code sockstat6}: the {@code sockets: used N} count (IPv4 only)
 * and, per protocol line, its {@code key value} pairs in file order.
 *
 * @param used      {@code sockets: used}, or null when the file has no such line
 * @param protocols protocol name (TCP, UDP6, ...) to its fields
 */
public record Sockstat(Double used, List<Protocol> protocols) {

    public record Protocol(String name, Map<String, Double> fields) {
    }

    /** The {@code inuse} count of one protocol line (TCP, UDP6, ...), or -1 if there is none. */
    public long inuse(String protocol) {
        for (Protocol p : protocols) {
            if (p.name().equals(protocol)) {
                Double v = p.fields().get("inuse");
                return v == null ? -1 : v.longValue();
            }
        }
        return -1;
    }

    public static Sockstat read(Path file) throws IOException {
        return parse(ProcFile.readString(file), file.getFileName().toString());
    }

    public static Sockstat parse(String text, String file) throws IOException {
        Double used = null;
        List<Protocol> protocols = new ArrayList<>();
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length == 0) {
                continue;
            }
            if (f.length % 2 != 1 || !f[0].endsWith(":")) {
                throw new IOException("malformed " + file + " line: " + line);
            }
            String name = f[0].substring(0, f[0].length() - 1);
            Map<String, Double> fields = new LinkedHashMap<>();
            for (int i = 1; i < f.length; i += 2) {
                fields.put(f[i], Fields.number(f[i + 1], file));
            }
            if (name.equals("sockets")) {
                used = fields.get("used");
            } else {
                protocols.add(new Protocol(name, fields));
            }
        }
        return new Sockstat(used, protocols);
    }
}
