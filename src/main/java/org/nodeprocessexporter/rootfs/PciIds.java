package org.nodeprocessexporter.rootfs;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Names from a {@code pci.ids} file (the PCI ID repository's format: vendors, their devices and
 * their subsystems by tab depth; classes, subclasses and programming interfaces after {@code C}
 * lines), with node_exporter's pcidevice lookups and fallbacks: an unknown vendor, device or
 * subsystem is its id, an unknown class {@code Unknown class (id)}. Lines are taken as upstream's
 * scanner takes them, quirks included (a line without two spaces before its name is skipped).
 *
 * <p>The file is 1.3 MB and ~40,000 names, nearly all of hardware the host does not have, so only
 * the names of the vendors and devices asked for are kept (every class is: there are ~200); the
 * caller asks again with more when new hardware appears. Ids are lower-case hex without
 * {@code 0x}; a device is {@code vendor:device}.
 */
public final class PciIds {
    private final Map<String, String> vendors = new HashMap<>();
    private final Map<String, String> devices = new HashMap<>();
    /** {@code vendor:device} to {@code subvendor:subdevice} to name. */
    private final Map<String, Map<String, String>> subsystems = new HashMap<>();
    private final Map<String, String> classes = new HashMap<>();
    private final Map<String, String> subclasses = new HashMap<>();
    private final Map<String, String> progIfs = new HashMap<>();

    /** No names at all: every lookup falls back to the id. */
    public static PciIds empty() {
        return new PciIds();
    }

    /**
     * Reads the file, keeping the names of {@code wantedVendors} (vendors and subsystem vendors)
     * and the devices and subsystems of {@code wantedDevices}.
     */
    public static PciIds read(BufferedReader in, Set<String> wantedVendors, Set<String> wantedDevices)
            throws IOException {
        PciIds ids = new PciIds();
        String vendor = "";
        String device = "";
        String baseClass = "";
        String subclass = "";
        boolean inClasses = false;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean tab = line.startsWith("\t");
            boolean twoTabs = line.startsWith("\t\t");
            if (line.startsWith("C ")) {
                String[] p = nameSplit(line);
                if (p != null) {
                    baseClass = p[0].substring(1).strip();
                    ids.classes.put(baseClass, p[1]);
                    inClasses = true;
                }
            } else if (tab && !twoTabs && inClasses) {
                String[] p = nameSplit(line.substring(1));
                if (p != null && !baseClass.isEmpty()) {
                    subclass = baseClass + p[0];
                    ids.subclasses.put(subclass, p[1]);
                }
            } else if (twoTabs && !line.startsWith("\t\t\t") && inClasses) {
                String[] p = nameSplit(line.substring(2));
                if (p != null && !subclass.isEmpty()) {
                    ids.progIfs.put(subclass + p[0], p[1]);
                }
            } else if (!tab) {
                String[] p = nameSplit(line);
                if (p != null) {
                    vendor = p[0];
                    if (wantedVendors.contains(vendor)) {
                        ids.vendors.put(vendor, p[1]);
                    }
                    device = "";
                    inClasses = false;
                }
            } else if (!twoTabs) {
                String[] p = nameSplit(line.substring(1));
                if (p != null && !vendor.isEmpty()) {
                    device = p[0];
                    if (wantedDevices.contains(vendor + ":" + device)) {
                        ids.devices.put(vendor + ":" + device, p[1]);
                    }
                }
            } else {
                String[] p = nameSplit(line.substring(2));
                String key = vendor + ":" + device;
                if (p != null && !vendor.isEmpty() && !device.isEmpty() && wantedDevices.contains(key)) {
                    String[] sub = org.nodeprocessexporter.procfs.Fields.split(p[0]);
                    Map<String, String> names = ids.subsystems.computeIfAbsent(key, k -> new HashMap<>());
                    if (sub.length == 2) {
                        names.put(sub[0] + ":" + sub[1], p[1]);
                    }
                }
            }
        }
        return ids;
    }

    /** Go's {@code strings.SplitN(line, "  ", 2)}, both parts trimmed; null without the separator. */
    private static String[] nameSplit(String line) {
        int sep = line.indexOf("  ");
        if (sep < 0) {
            return null;
        }
        return new String[] {line.substring(0, sep).strip(), line.substring(sep + 2).strip()};
    }

    public String vendorName(String vendor) {
        return vendors.getOrDefault(vendor, vendor);
    }

    public String deviceName(String vendor, String device) {
        return devices.getOrDefault(vendor + ":" + device, device);
    }

    public String subsystemName(String vendor, String device, String subVendor, String subDevice) {
        Map<String, String> names = subsystems.get(vendor + ":" + device);
        String name = names == null ? null : names.get(subVendor + ":" + subDevice);
        return name != null ? name : subDevice;
    }

    /** The programming interface's name, else the subclass's, else the base class's. */
    public String className(String classId) {
        if (classId.length() >= 6 && progIfs.containsKey(classId.substring(0, 6))) {
            return progIfs.get(classId.substring(0, 6));
        }
        if (classId.length() >= 4 && subclasses.containsKey(classId.substring(0, 4))) {
            return subclasses.get(classId.substring(0, 4));
        }
        if (classId.length() >= 2 && classes.containsKey(classId.substring(0, 2))) {
            return classes.get(classId.substring(0, 2));
        }
        return "Unknown class (" + classId + ")";
    }
}
