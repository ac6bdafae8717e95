package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code /sys/class/power_supply/<name>} (Documentation/ABI/testing/sysfs-class-power): each
 * regular file of the directory is one attribute, a number or a word.
 *
 * @param name       the directory name
 * @param attributes file name to trimmed content (invalid UTF-8 replaced), sorted
 */
public record PowerSupply(String name, Map<String, String> attributes) {

    /** Every supply; throws {@link NoSuchFileException} when the class directory is missing. */
    public static List<PowerSupply> read(Path sysRoot) throws IOException {
        Path root = sysRoot.resolve("class/power_supply");
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString());
        }
        List<PowerSupply> out = new ArrayList<>();
        for (Path dir : SysfsFiles.list(root, "*")) {
            out.add(new PowerSupply(dir.getFileName().toString(), attributes(dir)));
        }
        return out;
    }

    private static Map<String, String> attributes(Path dir) throws IOException {
        Map<String, String> attrs = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path file : ds) {
                // Links (device, subsystem) and directories (power, hwmonN) are not attributes.
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    // Drivers refuse attributes the hardware lacks (ENODEV, EINVAL, ENODATA, ...):
                    // what can be read is still worth reporting.
                    continue;
                }
                attrs.put(file.getFileName().toString(), new String(bytes, StandardCharsets.UTF_8).trim());
            }
        }
        return attrs;
    }

    /**
     * A numeric attribute as the Go parser reads it (decimal, or 0x/0 prefixed), null when absent.
     *
     * @throws IOException when present but not a number
     */
    public Long number(String attribute) throws IOException {
        String v = attributes.get(attribute);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return Long.decode(v);
            } catch (NumberFormatException e2) {
                throw new IOException("power supply " + name + ": " + attribute + " is not a number: " + v, e2);
            }
        }
    }
}
