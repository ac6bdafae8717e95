package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The properties udev recorded for a block device, from {@code <udev data>/b<major>:<minor>}: the
 * lines {@code E:NAME=value} (see udevadm(8)); other lines are udev's own bookkeeping.
 */
public final class UdevProperties {
    private UdevProperties() {
    }

    /** The device's properties; empty when udev has no record of it. */
    public static Map<String, String> read(Path udevData, int major, int minor) throws IOException {
        try {
            return parse(new String(Files.readAllBytes(udevData.resolve("b" + major + ":" + minor)),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Map.of();
        }
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> props = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("E:")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 2) {
                props.put(line.substring(2, eq), line.substring(eq + 1));
            }
        }
        return props;
    }
}
