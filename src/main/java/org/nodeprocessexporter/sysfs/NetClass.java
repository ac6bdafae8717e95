package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /sys/class/net/<iface>} (Documentation/ABI/testing/sysfs-class-net): one small file per
 * attribute. Attributes the driver refuses to give (EINVAL for {@code speed} or {@code carrier} of
 * a link that is down) or that this kernel lacks are simply absent.
 *
 * @param name       interface name
 * @param attributes attribute file name to its trimmed content
 */
public record NetClass(String name, Map<String, String> attributes) {
    private static final String[] FILES = {
        "addr_assign_type", "address", "broadcast", "carrier", "carrier_changes", "carrier_up_count",
        "carrier_down_count", "dev_id", "dormant", "duplex", "flags", "ifalias", "ifindex", "iflink", "link_mode",
        "mtu", "name_assign_type", "netdev_group", "operstate", "speed", "tx_queue_len", "type",
    };

    /**
     * What the kernel refuses with EINVAL unless the interface is up (netif_running: net/core/net-sysfs.c),
     * not read for an interface whose {@code flags} lack IFF_UP: each refused read costs an open and two
     * exceptions, for every down interface every scrape.
     */
    private static final java.util.Set<String> NEED_RUNNING = java.util.Set.of("carrier", "dormant", "duplex", "speed");

    private static boolean isDown(Path dir) {
        String flags = SysfsFiles.optional(dir.resolve("flags"));
        if (flags == null) {
            return false; // unknown: read everything
        }
        try {
            long v = flags.startsWith("0x") ? Long.parseLong(flags.substring(2), 16) : Long.parseLong(flags);
            return (v & 1) == 0; // IFF_UP
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The interface names under {@code class/net}, sorted. */
    public static List<String> devices(Path sysRoot) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sysRoot.resolve("class/net"))) {
            for (Path p : ds) {
                if (Files.isDirectory(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    public static NetClass read(Path sysRoot, String iface) throws IOException {
        Path dir = sysRoot.resolve("class/net").resolve(iface);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        Map<String, String> attrs = new HashMap<>();
        boolean down = isDown(dir);
        for (String file : FILES) {
            if (down && NEED_RUNNING.contains(file)) {
                continue;
            }
            String value = SysfsFiles.optional(dir.resolve(file));
            if (value != null) { // else absent or refused by the driver: left out
                attrs.put(file, value);
            }
        }
        return new NetClass(iface, attrs);
    }

    public String text(String attribute) {
        return attributes.get(attribute);
    }

    /** A numeric attribute, read as Go's ParseInt with base 0 does (so {@code 0x1003} works); null when absent or not a number. */
    public Long number(String attribute) {
        String v = attributes.get(attribute);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            boolean negative = v.startsWith("-");
            String digits = negative || v.startsWith("+") ? v.substring(1) : v;
            long n;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                n = Long.parseLong(digits.substring(2), 16);
            } else if (digits.length() > 1 && digits.startsWith("0")) {
                n = Long.parseLong(digits.substring(1), 8);
            } else {
                n = Long.parseLong(digits);
            }
            return negative ? -n : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
