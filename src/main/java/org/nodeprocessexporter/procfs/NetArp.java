package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /proc/net/arp}: the number of neighbour entries per device. */
public final class NetArp {
    private NetArp() {
    }

    public static Map<String, Integer> entriesByDevice(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("net/arp")));
    }

    public static Map<String, Integer> parse(String text) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<String> lines = Fields.lines(text);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = Fields.split(lines.get(i));
            if (f.length == 0) {
                continue;
            }
            if (f.length < 6) {
                throw new IOException("malformed /proc/net/arp line: " + lines.get(i));
            }
            out.merge(f[5], 1, Integer::sum);
        }
        return out;
    }
}
