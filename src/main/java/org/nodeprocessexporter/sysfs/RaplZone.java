package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One RAPL power zone of {@code /sys/class/powercap} (Documentation/power/powercap/powercap.rst):
 * a directory with a {@code name} and an {@code energy_uj} counter.
 *
 * @param name  the zone name without a numeric suffix ({@code package} for {@code package-0})
 * @param index the suffix, or for names without one, how many zones of that name came before
 * @param path  the zone directory
 */
public record RaplZone(String name, int index, Path path) {

    /** Zones in directory order; throws {@link NoSuchFileException} without a powercap class. */
    public static List<RaplZone> read(Path sysRoot) throws IOException {
        Path root = sysRoot.resolve("class/powercap");
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString());
        }
        List<RaplZone> zones = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Path dir : SysfsFiles.list(root, "*")) {
            String raw = SysfsFiles.optional(dir.resolve("name"));
            if (raw == null) {
                continue; // the control type directory itself (intel-rapl) has no name
            }
            String name = raw;
            int index;
            int dash = raw.indexOf('-');
            Integer suffix = dash >= 0 && raw.indexOf('-', dash + 1) < 0 ? parseIndex(raw.substring(dash + 1)) : null;
            if (suffix != null) {
                name = raw.substring(0, dash);
                index = suffix;
            } else {
                index = seen.getOrDefault(name, 0);
            }
            seen.put(name, index + 1);
            zones.add(new RaplZone(name, index, dir));
        }
        return zones;
    }

    private static Integer parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The energy counter in microjoules (root-only since Linux 5.10). */
    public long energyMicrojoules() throws IOException {
        Path file = path.resolve("energy_uj");
        String text = Files.readString(file).trim();
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("malformed " + file + ": " + text, e);
        }
    }
}
