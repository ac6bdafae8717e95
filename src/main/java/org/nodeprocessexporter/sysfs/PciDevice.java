package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.procfs.GoNumbers;
import org.nodeprocessexporter.procfs.ShortRead;

/**
 * A PCI function of {@code /sys/bus/pci/devices} (Documentation/PCI/sysfs-pci.rst,
 * Documentation/ABI/testing/sysfs-bus-pci), read as prometheus/procfs reads it for node_exporter:
 * the location and the parent's from the entry's link target (no parent when the directory above
 * is a root bus {@code pciSSSS:BB}); class, vendor, device, subsystem ids and revision required;
 * NUMA node, link speed and width, SR-IOV and power attributes optional (a missing file, an empty
 * value or an {@code Unknown} link speed is absent). Any other unreadable or unparsable attribute
 * fails the whole read, as upstream. Each file gets one read of {@value ShortRead#MAX} bytes.
 *
 * <p>Absent optional values are null.
 */
public record PciDevice(Location location, Location parent, int pciClass, int vendor, int device,
                        int subsystemVendor, int subsystemDevice, int revision, Integer numaNode,
                        Double maxLinkSpeed, Double maxLinkWidth, Double currentLinkSpeed, Double currentLinkWidth,
                        Boolean sriovDriversAutoprobe, Long sriovNumvfs, Long sriovTotalvfs, Long sriovVfTotalMsix,
                        Boolean d3coldAllowed, String powerState) {

    /** Segment:Bus:Device.Function. */
    public record Location(int segment, int bus, int device, int function) {

        /** The label values node_exporter gives it: {@code %04x}, {@code %02x}, {@code %02x}, {@code %x}. */
        public String[] labels() {
            return new String[] {String.format("%04x", segment), String.format("%02x", bus),
                    String.format("%02x", device), Integer.toHexString(function)};
        }

        /** {@code SSSS:BB:DD.F}, each part hexadecimal. */
        static Location parse(String s) throws IOException {
            String[] colon = s.split(":", -1);
            if (colon.length != 3) {
                throw new IOException("invalid PCI location '" + s + "'");
            }
            String[] dot = colon[2].split("\\.", -1);
            if (dot.length != 2) {
                throw new IOException("invalid PCI location '" + s + "'");
            }
            try {
                return new Location(hex32(colon[0]), hex32(colon[1]), hex32(dot[0]), hex32(dot[1]));
            } catch (NumberFormatException e) {
                throw new IOException("invalid PCI location '" + s + "'", e);
            }
        }

        private static int hex32(String s) {
            return (int) GoNumbers.parseInt(s, 16, 32);
        }
    }

    /** Every device, sorted by location; {@link NoSuchFileException} when the directory is missing. */
    public static List<PciDevice> read(Path sysRoot) throws IOException {
        Path dir = sysRoot.resolve("bus/pci/devices");
        if (!dir.toFile().isDirectory()) {
            throw new NoSuchFileException(dir.toString());
        }
        List<PciDevice> out = new ArrayList<>();
        for (Path entry : SysfsFiles.list(dir, "*")) {
            out.add(parse(entry));
        }
        return out;
    }

    static PciDevice parse(Path entry) throws IOException {
        Path target = Files.readSymbolicLink(entry);
        Location location = Location.parse(target.getFileName().toString());
        Path up = target.getParent();
        String parentName = up == null || up.getFileName() == null ? "" : up.getFileName().toString();
        Location parent = parentName.startsWith("pci") ? null : Location.parse(parentName);

        int[] ids = new int[6];
        String[] idFiles = {"class", "vendor", "device", "subsystem_vendor", "subsystem_device", "revision"};
        for (int i = 0; i < ids.length; i++) {
            String v = ShortRead.read(entry.resolve(idFiles[i]));
            ids[i] = (int) parse(v, idFiles[i], () -> GoNumbers.parseInt(v, 0, 32));
        }

        Double maxSpeed = null;
        Double maxWidth = null;
        Double curSpeed = null;
        Double curWidth = null;
        Integer numa = null;
        for (String f : new String[] {"max_link_speed", "max_link_width", "current_link_speed", "current_link_width",
                "numa_node"}) {
            String v = ShortRead.readOrNull(entry.resolve(f));
            if (v == null || v.isEmpty() || v.startsWith("Unknown")) {
                continue;
            }
            switch (f) {
                case "max_link_speed" -> maxSpeed = speed(v, f, location);
                case "current_link_speed" -> curSpeed = speed(v, f, location);
                case "max_link_width" -> maxWidth = (double) parse(v, f, () -> GoNumbers.parseInt(v, 10, 64));
                case "current_link_width" -> curWidth = (double) parse(v, f, () -> GoNumbers.parseInt(v, 10, 64));
                default -> numa = (int) parse(v, f, () -> GoNumbers.parseInt(v, 10, 32));
            }
        }

        Boolean autoprobe = null;
        Long numvfs = null;
        Long totalvfs = null;
        Long msix = null;
        for (String f : new String[] {"sriov_drivers_autoprobe", "sriov_numvfs", "sriov_offset", "sriov_stride",
                "sriov_totalvfs", "sriov_vf_device", "sriov_vf_total_msix"}) {
            String v = ShortRead.readOrNull(entry.resolve(f));
            if (v == null || v.isEmpty()) {
                continue;
            }
            switch (f) {
                case "sriov_drivers_autoprobe" -> autoprobe = parse(v, f, () -> GoNumbers.parseInt(v, 10, 32)) != 0;
                case "sriov_numvfs" -> numvfs = parse(v, f, () -> GoNumbers.parseUint(v, 10, 32));
                case "sriov_totalvfs" -> totalvfs = parse(v, f, () -> GoNumbers.parseUint(v, 10, 32));
                case "sriov_vf_total_msix" -> msix = parse(v, f, () -> GoNumbers.parseUint(v, 10, 64));
                default -> parse(v, f, () -> GoNumbers.parseUint(v, 10, 32)); // checked, not exported
            }
        }

        Boolean d3cold = null;
        String v = ShortRead.readOrNull(entry.resolve("d3cold_allowed"));
        if (v != null && !v.isEmpty()) {
            d3cold = parse(v, "d3cold_allowed", () -> GoNumbers.parseInt(v, 10, 32)) != 0;
        }
        String power = ShortRead.readOrNull(entry.resolve("power_state"));
        if (power != null && power.isEmpty()) {
            power = null;
        }
        return new PciDevice(location, parent, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], numa, maxSpeed,
                maxWidth, curSpeed, curWidth, autoprobe, numvfs, totalvfs, msix, d3cold, power);
    }

    /** A link speed as the kernel's pci_speed_string writes it, {@code 8.0 GT/s PCIe}, in GT/s. */
    private static double speed(String v, String file, Location at) throws IOException {
        int space = v.indexOf(' ');
        if (space < 0) {
            throw new IOException("invalid value for " + file + " \"" + v + "\" at " + at);
        }
        if (!v.substring(space + 1).equals("GT/s PCIe")) {
            throw new IOException("unknown unit for " + file + " \"" + v + "\" at " + at);
        }
        String number = v.substring(0, space).strip();
        try {
            char last = number.isEmpty() ? 'x' : Character.toLowerCase(number.charAt(number.length() - 1));
            if (last == 'd' || last == 'f') { // Java's suffixes, which Go does not take
                throw new NumberFormatException(number);
            }
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IOException("failed to parse " + file + " \"" + v + "\"", e);
        }
    }

    @FunctionalInterface
    private interface Parse {
        long get();
    }

    private static long parse(String value, String file, Parse p) throws IOException {
        try {
            return p.get();
        } catch (NumberFormatException e) {
            throw new IOException("failed to parse " + file + " \"" + value + "\"", e);
        }
    }
}
