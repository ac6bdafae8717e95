package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol counters of {@code /proc/net/netstat}, {@code /proc/net/snmp} and
 * {@code /proc/net/snmp6}, as protocol to field to value maps in file order.
 */
public final class NetSnmp {
    private NetSnmp() {
    }

    /**
     * {@code netstat} and {@code snmp}: pairs of lines, a header {@code Proto: Name1 Name2 ...} and
     * a value line {@code Proto: 1 2 ...}.
     */
    public static Map<String, Map<String, Double>> parsePairs(String text, String file) throws IOException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        List<String> lines = Fields.lines(text);
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] names = lines.get(i).split(" ");
            String[] values = lines.get(i + 1).split(" ");
            if (names.length != values.length || !names[0].endsWith(":") || !names[0].equals(values[0])) {
                throw new IOException("field count mismatch in " + file + ": " + names[0]);
            }
            String protocol = names[0].substring(0, names[0].length() - 1);
            Map<String, Double> fields = new LinkedHashMap<>();
            for (int j = 1; j < names.length; j++) {
                fields.put(names[j], Fields.number(values[j], file));
            }
            out.put(protocol, fields);
        }
        return out;
    }

    /**
     * {@code snmp6}: one {@code Ip6InReceives 12} line per counter; the protocol is the name up to
     * and including its first {@code 6}. Lines without a 6 are skipped.
     */
    public static Map<String, Map<String, Double>> parseSnmp6(String text) throws IOException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length < 2) {
                continue;
            }
            int six = f[0].indexOf('6');
            if (six < 0) {
                continue;
            }
            out.computeIfAbsent(f[0].substring(0, six + 1), k -> new LinkedHashMap<>())
                    .put(f[0].substring(six + 1), Fields.number(f[1], "/proc/net/snmp6"));
        }
        return out;
    }

    /**
     * All three files merged, {@code snmp6} optional (absent when IPv6 is disabled).
     */
    public static Map<String, Map<String, Double>> read(Path procRoot) throws IOException {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        all.putAll(parsePairs(ProcFile.readString(procRoot.resolve("net/netstat")), "/proc/net/netstat"));
        all.putAll(parsePairs(ProcFile.readString(procRoot.resolve("net/snmp")), "/proc/net/snmp"));
        try {
            all.putAll(parseSnmp6(ProcFile.readString(procRoot.resolve("net/snmp6"))));
        } catch (NoSuchFileException e) {
            // IPv6 disabled.
        }
        return all;
    }
}
