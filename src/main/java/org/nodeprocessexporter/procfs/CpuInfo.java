package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/cpuinfo}: one entry per logical CPU, with the fields node_exporter labels
 * {@code node_cpu_info} with. Fields a CPU does not show are empty strings. The arm64 names
 * ({@code CPU implementer}, {@code CPU part}, {@code Features}, ...) fill the same slots as the x86
 * ones, as the procfs library does.
 */
public record CpuInfo(List<Cpu> cpus) {

    /** One {@code processor} block. */
    public record Cpu(int processor, String vendorId, String cpuFamily, String model, String modelName,
                      String microcode, String stepping, String cacheSize, String physicalId, String coreId,
                      double mhz, List<String> flags, List<String> bugs) {
    }

    public static CpuInfo read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("cpuinfo")));
    }

    public static CpuInfo parse(String text) throws IOException {
        List<Cpu> cpus = new ArrayList<>();
        Builder current = null;
        for (String line : Fields.lines(text)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("processor")) {
                if (current != null) {
                    cpus.add(current.build());
                }
                current = new Builder();
                try {
                    current.processor = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IOException("invalid processor " + value + " in /proc/cpuinfo", e);
                }
                continue;
            }
            if (current == null) {
                continue;
            }
            switch (key) {
                case "vendor_id", "vendor", "CPU implementer" -> current.vendorId = value;
                case "cpu family", "CPU architecture" -> current.cpuFamily = value;
                case "model", "CPU part" -> current.model = value;
                case "model name", "Processor" -> current.modelName = value;
                case "microcode" -> current.microcode = value;
                case "stepping", "CPU revision" -> current.stepping = value;
                case "cache size" -> current.cacheSize = value;
                case "physical id" -> current.physicalId = value;
                case "core id" -> current.coreId = value;
                case "cpu MHz" -> current.mhz = parseOrZero(value);
                case "flags", "Features" -> current.flags = List.of(Fields.split(value));
                case "bugs" -> current.bugs = List.of(Fields.split(value));
                default -> { }
            }
        }
        if (current != null) {
            cpus.add(current.build());
        }
        return new CpuInfo(List.copyOf(cpus));
    }

    private static double parseOrZero(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final class Builder {
        int processor;
        String vendorId = "";
        String cpuFamily = "";
        String model = "";
        String modelName = "";
        String microcode = "";
        String stepping = "";
        String cacheSize = "";
        String physicalId = "";
        String coreId = "";
        double mhz;
        List<String> flags = List.of();
        List<String> bugs = List.of();

        Cpu build() {
            return new Cpu(processor, vendorId, cpuFamily, model, modelName, microcode, stepping, cacheSize,
                    physicalId, coreId, mhz, flags, bugs);
        }
    }
}
