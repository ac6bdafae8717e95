package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code /sys/class/hwmon/hwmonN} chip (Documentation/hwmon/sysfs-interface.rst): files named
 * {@code <type><number>_<property>} holding one value each, in the chip's directory and in its
 * {@code device} directory.
 *
 * @param chip     a stable name for the chip: its device's bus and name ({@code platform_coretemp_0}),
 *                 else its {@code name} file, else {@code hwmonN}
 * @param chipName the cleaned {@code name} file, or null
 * @param sensors  sensor ({@code temp1}) to property ({@code input}, {@code max}, "" for a bare
 *                 {@code pwm1}) to raw value, sorted
 */
public record Hwmon(String chip, String chipName, Map<String, Map<String, String>> sensors) {
    private static final Pattern FILENAME = Pattern.compile("^([^0-9]+)([0-9]*)?(_(.+))?$");
    private static final Pattern INVALID = Pattern.compile("[^a-z0-9:_]");
    private static final java.util.Set<String> TYPES = java.util.Set.of("vrm", "beep_enable", "update_interval",
            "in", "cpu", "fan", "pwm", "temp", "curr", "power", "energy", "humidity", "intrusion", "freq");

    /** The type, number and property of a sensor file name, or null when it is not one. */
    public static String[] explode(String filename) {
        Matcher m = FILENAME.matcher(filename);
        if (!m.matches()) {
            return null;
        }
        String id = m.group(2) == null || m.group(2).isEmpty() ? "0" : m.group(2);
        try {
            id = Integer.toString(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return null;
        }
        return new String[] {m.group(1), id, m.group(4) == null ? "" : m.group(4)};
    }

    /** Lower case, anything but {@code [a-z0-9:_]} to "_", without leading or trailing "_". */
    public static String clean(String name) {
        String replaced = INVALID.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
        int start = 0;
        int end = replaced.length();
        while (start < end && replaced.charAt(start) == '_') {
            start++;
        }
        while (end > start && replaced.charAt(end - 1) == '_') {
            end--;
        }
        return replaced.substring(start, end);
    }

    public static Hwmon read(Path dir) throws IOException {
        Map<String, Map<String, String>> sensors = new TreeMap<>();
        collect(dir, sensors);
        Path device = dir.resolve("device");
        if (Files.exists(device)) {
            collect(device, sensors);
        }
        return new Hwmon(chip(dir), chipName(dir), sensors);
    }

    private static void collect(Path dir, Map<String, Map<String, String>> sensors) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path file : ds) {
                String[] parts = explode(file.getFileName().toString());
                if (parts == null || !TYPES.contains(parts[0])) {
                    continue;
                }
                String value = readValue(file);
                if (value != null) {
                    sensors.computeIfAbsent(parts[0] + parts[1], k -> new TreeMap<>()).put(parts[2], value);
                }
            }
        }
    }

    /** One read of at most 128 bytes: broken drivers answer EAGAIN forever to a read loop. */
    private static String readValue(Path file) {
        if (Files.isDirectory(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[128];
            int n = in.read(buf);
            String s = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
            int start = 0;
            int end = s.length();
            while (start < end && s.charAt(start) == '\n') {
                start++;
            }
            while (end > start && s.charAt(end - 1) == '\n') {
                end--;
            }
            return s.substring(start, end);
        } catch (IOException e) {
            return null;
        }
    }

    private static String chip(Path dir) throws IOException {
        try {
            Path device = dir.resolve("device").toRealPath();
            String devName = clean(device.getFileName().toString());
            String devType = device.getParent() == null || device.getParent().getFileName() == null ? ""
                    : clean(device.getParent().getFileName().toString());
            if (!devType.isEmpty() && !devName.isEmpty()) {
                return devType + "_" + devName;
            }
            if (!devName.isEmpty()) {
                return devName;
            }
        } catch (IOException e) {
            // no device link: fall back to the name file
        }
        String name = chipName(dir);
        if (name != null) {
            return name;
        }
        String last = clean(dir.toRealPath().getFileName().toString());
        if (last.isEmpty()) {
            throw new IOException("Could not derive a monitoring name for " + dir);
        }
        return last;
    }

    private static String chipName(Path dir) {
        String raw = SysfsFiles.optional(dir.resolve("name"));
        if (raw == null) {
            return null;
        }
        String cleaned = clean(raw);
        return cleaned.isEmpty() ? null : cleaned;
    }
}
