package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.procfs.ProcFile;

/**
 * The kernel samepage merging daemon's files under {@code kernel/mm/ksm} that node_exporter's
 * {@code ksmd} collector reads, each one unsigned integer. A file that is missing or not a number
 * fails the whole read, as upstream.
 */
public final class Ksm {
    /** The files read, in upstream's order. */
    public static final List<String> FILES = List.of("full_scans", "merge_across_nodes", "pages_shared",
            "pages_sharing", "pages_to_scan", "pages_unshared", "pages_volatile", "run", "sleep_millisecs");

    private Ksm() {
    }

    /** Each of {@link #FILES} to its value. */
    public static Map<String, Double> read(Path sysRoot) throws IOException {
        Path dir = sysRoot.resolve("kernel/mm/ksm");
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : FILES) {
            String text = ProcFile.readString(dir.resolve(name)).strip();
            try {
                out.put(name, SysfsFiles.unsignedToDouble(Long.parseUnsignedLong(text)));
            } catch (NumberFormatException e) {
                throw new IOException("invalid number " + text + " in " + dir.resolve(name), e);
            }
        }
        return out;
    }
}
