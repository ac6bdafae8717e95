package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One controller line of {@code /proc/cgroups} ({@code subsys_name hierarchy num_cgroups enabled},
 * cgroups(7)). As prometheus/procfs: {@code #} lines are skipped, any other line with fewer than
 * four fields or a field that is not an integer makes the whole file malformed.
 */
public record CgroupSummary(String subsysName, long hierarchy, long cgroups, long enabled) {

    public static List<CgroupSummary> read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("cgroups")));
    }

    public static List<CgroupSummary> parse(String text) throws IOException {
        List<CgroupSummary> out = new ArrayList<>();
        for (String line : Fields.lines(text)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = Fields.split(line);
            if (f.length < 4) {
                throw new IOException("4+ fields required, found " + f.length + " in /proc/cgroups line: " + line);
            }
            out.add(new CgroupSummary(f[0], integer(f[1], line), integer(f[2], line), integer(f[3], line)));
        }
        return out;
    }

    /** Go's {@code strconv.Atoi} on 64 bits: an optional sign and decimal digits. */
    private static long integer(String field, String line) throws IOException {
        try {
            return GoNumbers.parseInt(field, 10, 64);
        } catch (NumberFormatException e) {
            throw new IOException("not an integer in /proc/cgroups line: " + line, e);
        }
    }
}
