package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /sys/devices/system/edac/mc/mcN} (Documentation/admin-guide/ras.rst): error counts of
 * each memory controller and of its chip-select rows.
 *
 * @param controller   the N of mcN
 * @param ce           correctable errors
 * @param ceNoInfo     correctable errors not attributed to a csrow
 * @param ue           uncorrectable errors
 * @param ueNoInfo     uncorrectable errors not attributed to a csrow
 * @param csrows       per-row counts
 */
public record Edac(String controller, long ce, long ceNoInfo, long ue, long ueNoInfo, List<Csrow> csrows) {

    /** @param csrow the N of csrowN */
    public record Csrow(String csrow, long ce, long ue) {
    }

    /** Every controller; none when the kernel has no EDAC driver loaded. */
    public static List<Edac> read(Path sysRoot) throws IOException {
        List<Edac> out = new ArrayList<>();
        for (Path mc : SysfsFiles.list(sysRoot.resolve("devices/system/edac/mc"), "mc[0-9]*")) {
            String n = mc.getFileName().toString().substring(2);
            List<Csrow> rows = new ArrayList<>();
            for (Path row : SysfsFiles.list(mc, "csrow[0-9]*")) {
                rows.add(new Csrow(row.getFileName().toString().substring(5), count(row, "ce_count"),
                        count(row, "ue_count")));
            }
            out.add(new Edac(n, count(mc, "ce_count"), count(mc, "ce_noinfo_count"), count(mc, "ue_count"),
                    count(mc, "ue_noinfo_count"), rows));
        }
        return out;
    }

    private static long count(Path dir, String file) throws IOException {
        String text = Files.readString(dir.resolve(file)).trim();
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("malformed " + dir.resolve(file) + ": " + text, e);
        }
    }
}
