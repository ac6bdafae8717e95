package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.procfs.Fields;
import org.nodeprocessexporter.procfs.ProcFile;

/**
 * The memory of each NUMA node, {@code devices/system/node/node<N>/meminfo} and {@code numastat},
 * read as node_exporter's {@code meminfo_numa} reads them. meminfo lines are {@code Node 0
 * MemTotal: 24683756 kB} (four fields, or five with the {@code kB} unit, then in bytes); the field
 * name loses its trailing colons and {@code (x)} becomes {@code _x}; the node is the line's second
 * field. numastat lines are {@code numa_hit 4707193}, counters of the node named by the directory.
 * Anything else in either file fails the whole read, as does a node directory without them.
 */
public final class NumaNodes {
    private NumaNodes() {
    }

    /**
     * One value.
     *
     * @param field   the field name ({@code MemTotal}, {@code Active_anon}, {@code numa_hit})
     * @param node    the node number
     * @param value   the value, in bytes where the kernel gave kB
     * @param counter true for numastat's counters
     */
    public record Value(String field, String node, double value, boolean counter) {
    }

    /** Every node's values, nodes in name order, each node's meminfo lines then its numastat lines. */
    public static List<Value> read(Path sysRoot) throws IOException {
        List<Value> out = new ArrayList<>();
        for (Path node : SysfsFiles.list(sysRoot.resolve("devices/system/node"), "node[0-9]*")) {
            parseMeminfo(ProcFile.readString(node.resolve("meminfo")), out);
            String name = node.getFileName().toString();
            int digits = 4;
            while (digits < name.length() && Character.isDigit(name.charAt(digits))) {
                digits++;
            }
            parseNumastat(ProcFile.readString(node.resolve("numastat")), name.substring(4, digits), out);
        }
        return out;
    }

    static void parseMeminfo(String text, List<Value> out) throws IOException {
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length == 0) {
                continue;
            }
            if (f.length < 4) {
                throw new IOException("invalid line in node meminfo: " + line.strip());
            }
            double value = Fields.number(f[3], "node meminfo");
            if (f.length == 5 && f[4].equals("kB")) {
                value *= 1024;
            } else if (f.length != 4) {
                throw new IOException("invalid line in node meminfo: " + line.strip());
            }
            out.add(new Value(fieldName(f[2]), f[1], value, false));
        }
    }

    static void parseNumastat(String text, String node, List<Value> out) throws IOException {
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length == 0) {
                continue;
            }
            if (f.length != 2) {
                throw new IOException("line scan did not return 2 fields: " + line.strip());
            }
            out.add(new Value(f[0], node, Fields.number(f[1], "numastat"), true));
        }
    }

    /** {@code Active(anon):} to {@code Active_anon}: colons trimmed, the first {@code (} to the last {@code )} replaced. */
    static String fieldName(String raw) {
        int end = raw.length();
        while (end > 0 && raw.charAt(end - 1) == ':') {
            end--;
        }
        String name = raw.substring(0, end);
        int open = name.indexOf('(');
        int close = name.lastIndexOf(')');
        if (open >= 0 && close > open) {
            name = name.substring(0, open) + "_" + name.substring(open + 1, close) + name.substring(close + 1);
        }
        return name;
    }
}
