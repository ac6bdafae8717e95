package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /sys/devices/system/cpu/cpuN/cpufreq} (Documentation/admin-guide/pm/cpufreq.rst), in kHz;
 * a field is null when this CPU's driver does not give it ({@code cpuinfo_cur_freq} is root-only).
 */
public record Cpufreq(String cpu, Long cpuinfoCur, Long cpuinfoMin, Long cpuinfoMax, Long scalingCur,
                      Long scalingMin, Long scalingMax, String governor, String availableGovernors) {

    /** Every CPU that has a cpufreq directory, in CPU order. */
    public static List<Cpufreq> read(Path sysRoot) throws IOException {
        List<Path> cpus = SysfsFiles.list(sysRoot.resolve("devices/system/cpu"), "cpu[0-9]*");
        cpus.sort((a, b) -> Integer.compare(number(a), number(b)));
        List<Cpufreq> out = new ArrayList<>();
        for (Path cpu : cpus) {
            Path f = cpu.resolve("cpufreq");
            if (!Files.isDirectory(f)) {
                continue;
            }
            out.add(new Cpufreq(Integer.toString(number(cpu)),
                    SysfsFiles.optionalLong(f.resolve("cpuinfo_cur_freq")),
                    SysfsFiles.optionalLong(f.resolve("cpuinfo_min_freq")),
                    SysfsFiles.optionalLong(f.resolve("cpuinfo_max_freq")),
                    SysfsFiles.optionalLong(f.resolve("scaling_cur_freq")),
                    SysfsFiles.optionalLong(f.resolve("scaling_min_freq")),
                    SysfsFiles.optionalLong(f.resolve("scaling_max_freq")),
                    SysfsFiles.optional(f.resolve("scaling_governor")),
                    SysfsFiles.optional(f.resolve("scaling_available_governors"))));
        }
        return out;
    }

    private static int number(Path cpuDir) {
        try {
            return Integer.parseInt(cpuDir.getFileName().toString().substring(3));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
