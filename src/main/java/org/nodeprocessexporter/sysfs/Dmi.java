package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /sys/class/dmi/id} (Documentation/ABI/testing/sysfs-class-dmi): the firmware's
 * description of the machine, one string per file. The serial numbers and UUID are root-only.
 */
public final class Dmi {
    /** Files read, each with the label node_exporter gives it. */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("bios_date", "bios_date"), Map.entry("bios_release", "bios_release"),
            Map.entry("bios_vendor", "bios_vendor"), Map.entry("bios_version", "bios_version"),
            Map.entry("board_asset_tag", "board_asset_tag"), Map.entry("board_name", "board_name"),
            Map.entry("board_serial", "board_serial"), Map.entry("board_vendor", "board_vendor"),
            Map.entry("board_version", "board_version"), Map.entry("chassis_asset_tag", "chassis_asset_tag"),
            Map.entry("chassis_serial", "chassis_serial"), Map.entry("chassis_vendor", "chassis_vendor"),
            Map.entry("chassis_version", "chassis_version"), Map.entry("product_family", "product_family"),
            Map.entry("product_name", "product_name"), Map.entry("product_serial", "product_serial"),
            Map.entry("product_sku", "product_sku"), Map.entry("product_uuid", "product_uuid"),
            Map.entry("product_version", "product_version"), Map.entry("sys_vendor", "system_vendor"));

    private Dmi() {
    }

    /**
     * Label to value for every known file that exists and can be read (an empty file gives an
     * empty value); empty when the platform has no DMI.
     */
    public static Map<String, String> read(Path sysRoot) throws IOException {
        Path dir = sysRoot.resolve("class/dmi/id");
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            try {
                byte[] bytes = Files.readAllBytes(dir.resolve(e.getKey()));
                out.put(e.getValue(), new String(bytes, StandardCharsets.UTF_8).trim());
            } catch (NoSuchFileException | AccessDeniedException ignored) {
                // not provided by this firmware, or root-only
            }
        }
        return out;
    }
}
