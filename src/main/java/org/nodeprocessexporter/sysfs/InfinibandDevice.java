package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /sys/class/infiniband/<device>} (Documentation/ABI/stable/sysfs-class-infiniband): an
 * InfiniBand (or RDMA) adapter's identity and, per port, its state, rate and performance counters.
 *
 * @param name            the device directory name, e.g. {@code mlx5_0}
 * @param boardId         {@code board_id}; "" when the driver does not expose it
 * @param firmwareVersion {@code fw_ver}
 * @param hcaType         {@code hca_type}; "" when the driver does not expose it
 * @param ports           the ports, by number
 */
public record InfinibandDevice(String name, String boardId, String firmwareVersion, String hcaType, List<Port> ports) {

    /**
     * One port of {@code ports/<n>}.
     *
     * @param port        its number
     * @param state       the name part of {@code state} ("4: ACTIVE")
     * @param stateId     the number part of {@code state}
     * @param physState   the name part of {@code phys_state} ("5: LinkUp")
     * @param physStateId the number part of {@code phys_state}
     * @param rate        {@code rate} ("100 Gb/sec (4X EDR)") in bytes per second
     * @param counters    file name (of {@code counters/} or {@code counters_ext/}, keys of the latter
     *                    prefixed with {@code counters_ext/}) to value, the raw 64 bits; only files that
     *                    exist and hold a number. The data counters count 32-bit words on each of 4
     *                    lanes, so they are multiplied by 4 here, as procfs does.
     */
    public record Port(long port, String state, long stateId, String physState, long physStateId, long rate,
            Map<String, Long> counters) {
    }

    /** Counters that procfs reads from {@code counters/}. */
    public static final List<String> COUNTERS = List.of("excessive_buffer_overrun_errors", "link_downed",
            "link_error_recovery", "local_link_integrity_errors", "multicast_rcv_packets", "multicast_xmit_packets",
            "port_rcv_constraint_errors", "port_rcv_data", "port_rcv_discards", "port_rcv_errors", "port_rcv_packets",
            "port_rcv_remote_physical_errors", "port_rcv_switch_relay_errors", "port_xmit_constraint_errors",
            "port_xmit_data", "port_xmit_discards", "port_xmit_packets", "port_xmit_wait", "symbol_error",
            "unicast_rcv_packets", "unicast_xmit_packets", "VL15_dropped");

    /** Counters that procfs reads from {@code counters_ext/} (kernels before 4.5). */
    public static final List<String> COUNTERS_EXT = List.of("port_multicast_rcv_packets",
            "port_multicast_xmit_packets", "port_rcv_data_64", "port_rcv_packets_64", "port_unicast_rcv_packets",
            "port_unicast_xmit_packets", "port_xmit_data_64", "port_xmit_packets_64");

    private static final List<String> PER_LANE = List.of("port_rcv_data", "port_xmit_data", "port_rcv_data_64",
            "port_xmit_data_64");

    /**
     * Every device, sorted by name.
     *
     * @throws NoSuchFileException when there is no infiniband class, or a device lacks fw_ver, its ports
     *                             or a port's state, phys_state, rate or counters directory (node_exporter
     *                             then reports no data)
     */
    public static List<InfinibandDevice> readAll(Path sysRoot) throws IOException {
        Path dir = sysRoot.resolve("class/infiniband");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        List<InfinibandDevice> out = new ArrayList<>();
        for (Path d : SysfsFiles.list(dir, "*")) {
            out.add(read(d));
        }
        return out;
    }

    static InfinibandDevice read(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        String fw = Files.readString(dir.resolve("fw_ver")).trim();
        Path portsDir = dir.resolve("ports");
        if (!Files.isDirectory(portsDir)) {
            throw new NoSuchFileException(portsDir.toString());
        }
        List<Port> ports = new ArrayList<>();
        for (Path p : SysfsFiles.list(portsDir, "*")) {
            ports.add(port(name, p));
        }
        ports.sort((a, b) -> Long.compareUnsigned(a.port(), b.port()));
        return new InfinibandDevice(name, optional(dir.resolve("board_id")), fw, optional(dir.resolve("hca_type")),
                ports);
    }

    private static String optional(Path file) throws IOException {
        try {
            return Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private static Port port(String device, Path dir) throws IOException {
        long number;
        try {
            number = Long.parseUnsignedLong(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            throw new IOException("InfiniBand port is not a number: " + dir, e);
        }
        if (Long.compareUnsigned(number, 0xffffffffL) > 0) {
            throw new IOException("InfiniBand port is not a number: " + dir);
        }
        String[] state = state(dir.resolve("state"));
        String[] phys = state(dir.resolve("phys_state"));
        long rate = rate(dir.resolve("rate"));
        Map<String, Long> counters = new LinkedHashMap<>();
        // Intel irdma and NVIDIA nvs_ devices have no counters directory.
        if (!device.startsWith("irdma") && !device.startsWith("nvs_")) {
            Path c = dir.resolve("counters");
            if (!Files.isDirectory(c)) {
                throw new NoSuchFileException(c.toString());
            }
            counters(c, COUNTERS, "", counters);
            Path ext = dir.resolve("counters_ext");
            if (Files.isDirectory(ext)) {
                counters(ext, COUNTERS_EXT, "counters_ext/", counters);
            }
        }
        return new Port(number, state[1], Long.parseLong(state[0]), phys[1], Long.parseLong(phys[0]), rate,
                counters);
    }

    private static void counters(Path dir, List<String> names, String keyPrefix, Map<String, Long> out)
            throws IOException {
        for (String n : names) {
            Path f = dir.resolve(n);
            String text;
            try {
                text = Files.readString(f).trim();
            } catch (IOException e) {
                continue; // missing, or refused by the driver: procfs leaves the counter out
            }
            long v;
            try {
                v = SysfsFiles.parseUnsignedAnyBase(text);
            } catch (NumberFormatException e) {
                if (text.contains("N/A (no PMA)")) {
                    continue; // the port has no performance management agent
                }
                throw new IOException("malformed " + f + ": " + text, e);
            }
            out.put(keyPrefix + n, PER_LANE.contains(n) ? v * 4 : v);
        }
    }

    /** "ID: NAME" -> {ID, NAME}; ID a 32-bit unsigned decimal. */
    private static String[] state(Path file) throws IOException {
        String text = Files.readString(file);
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new IOException("could not parse " + file + ": failed to split " + text.trim() + " into 'ID: NAME'");
        }
        String id = parts[0].trim();
        try {
            long v = Long.parseLong(id);
            if (v < 0 || v > 0xffffffffL || id.startsWith("+")) {
                throw new NumberFormatException(id);
            }
        } catch (NumberFormatException e) {
            throw new IOException("could not parse " + file + ": failed to convert " + id + " into uint", e);
        }
        return new String[] {id, parts[1].trim()};
    }

    /** "100 Gb/sec (4X EDR)" -> bytes per second, through a 32-bit float as procfs does. */
    private static long rate(Path file) throws IOException {
        String text = Files.readString(file);
        int sp = text.indexOf(' ');
        if (sp < 0) {
            throw new IOException("could not parse " + file + ": failed to split " + text.trim());
        }
        String number = text.substring(0, sp).trim();
        float gbps;
        try {
            gbps = Float.parseFloat(number);
        } catch (NumberFormatException e) {
            throw new IOException("could not parse " + file + ": failed to convert " + number + " into uint", e);
        }
        if (Float.isNaN(gbps) || number.endsWith("f") || number.endsWith("d") || number.endsWith("F")
                || number.endsWith("D")) {
            throw new IOException("could not parse " + file + ": failed to convert " + number + " into uint");
        }
        double bytes = (double) gbps * 125000000;
        return bytes <= 0 ? 0 : (long) bytes;
    }
}
