package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code /sys/devices/system/cpu}: the CPU directories, their topology ids, thermal throttle
 * counts and online state, and the isolated CPU list.
 */
public final class SystemCpus {
    private SystemCpus() {
    }

    public static Path dir(Path sysRoot) {
        return sysRoot.resolve("devices/system/cpu");
    }

    /**
     * The {@code cpuN} directories (Go's glob {@code cpu[0-9]*}), in name order as Go's
     * filepath.Glob returns them; empty when the directory is missing.
     */
    public static List<Path> cpuDirs(Path sysRoot) throws IOException {
        return SysfsFiles.list(dir(sysRoot), "cpu[0-9]*");
    }

    /** The number in a {@code cpuN} directory name. */
    public static String number(Path cpuDir) {
        return cpuDir.getFileName().toString().substring(3);
    }

    /** An unsigned decimal file such as {@code topology/core_id}; empty when absent or unparsable. */
    public static OptionalLong readUnsigned(Path file) {
        try {
            String s = Files.readString(file).trim();
            long v = Long.parseUnsignedLong(s);
            return OptionalLong.of(v);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code cpuN/online}: null when the file does not exist (cpu0 usually has none). */
    public static Boolean online(Path cpuDir) throws IOException {
        if (!cpuDir.resolve("online").toFile().exists()) {
            return null; // every scrape for cpu0: no exception for it
        }
        try {
            return Files.readString(cpuDir.resolve("online")).trim().equals("1");
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** {@code isolated}, a cpulist such as {@code 1-3,6}; null when the kernel has no such file. */
    public static List<Integer> isolated(Path sysRoot) throws IOException {
        String text;
        try {
            text = Files.readString(dir(sysRoot).resolve("isolated")).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
        return parseCpuList(text);
    }

    /** A kernel cpulist ({@code 0-2,5}); an empty string is an empty list. */
    public static List<Integer> parseCpuList(String text) throws IOException {
        List<Integer> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",")) {
            try {
                int dash = part.indexOf('-');
                if (dash < 0) {
                    out.add(Integer.parseInt(part.trim()));
                } else {
                    int from = Integer.parseInt(part.substring(0, dash).trim());
                    int to = Integer.parseInt(part.substring(dash + 1).trim());
                    if (from > to) {
                        throw new IOException("invalid cpu range " + part);
                    }
                    for (int i = from; i <= to; i++) {
                        out.add(i);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IOException("invalid cpu list " + text, e);
            }
        }
        return out;
    }
}
