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
 * {@code /sys/class/fc_host/<host>} (Documentation/ABI scsi_transport_fc, drivers/scsi/scsi_transport_fc.c):
 * the identity and state attributes of a Fibre Channel host port and its {@code statistics/} counters,
 * which the kernel writes as {@code 0x}-prefixed hex and as all ones when the HBA does not count them.
 *
 * @param name       the directory name, e.g. {@code host0}
 * @param attributes each of {@link #ATTRIBUTES}, trimmed; "" when the driver does not expose it. The
 *                   {@code 0x} of node_name, port_id, port_name and fabric_name is cut off, as procfs does
 * @param counters   each of {@link #COUNTERS} by file name, the raw 64 bits; 0 when the file is missing
 */
public record FibreChannelHost(String name, Map<String, String> attributes, Map<String, Long> counters) {

    /** The host attribute files read. */
    public static final List<String> ATTRIBUTES = List.of("speed", "port_state", "port_type", "node_name", "port_id",
            "port_name", "fabric_name", "dev_loss_tmo", "symbolic_name", "supported_classes", "supported_speeds");

    /** The statistics files read. */
    public static final List<String> COUNTERS = List.of("dumped_frames", "error_frames", "invalid_crc_count",
            "rx_frames", "rx_words", "tx_frames", "tx_words", "seconds_since_last_reset", "invalid_tx_word_count",
            "link_failure_count", "loss_of_sync_count", "loss_of_signal_count", "nos_count", "fcp_packet_aborts");

    private static final List<String> HEX_PREFIXED = List.of("node_name", "port_id", "port_name", "fabric_name");

    /**
     * Every host, sorted by name.
     *
     * @throws NoSuchFileException when there is no fc_host class or a host has no statistics directory
     *                             (node_exporter then reports no data)
     */
    public static List<FibreChannelHost> readAll(Path sysRoot) throws IOException {
        Path dir = sysRoot.resolve("class/fc_host");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        List<FibreChannelHost> out = new ArrayList<>();
        for (Path host : SysfsFiles.list(dir, "*")) {
            out.add(read(host));
        }
        return out;
    }

    static FibreChannelHost read(Path host) throws IOException {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String a : ATTRIBUTES) {
            String v;
            try {
                v = Files.readString(host.resolve(a)).trim();
            } catch (NoSuchFileException e) {
                v = "";
            }
            if (HEX_PREFIXED.contains(a) && v.length() > 2) {
                v = v.substring(2);
            }
            attrs.put(a, v);
        }
        Path stats = host.resolve("statistics");
        if (!Files.isDirectory(stats)) {
            throw new NoSuchFileException(stats.toString());
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String c : COUNTERS) {
            Path f = stats.resolve(c);
            String text;
            try {
                text = Files.readString(f).trim();
            } catch (IOException e) {
                // Missing, or refused by the driver (EOPNOTSUPP, EINVAL): procfs leaves the counter at 0.
                counters.put(c, 0L);
                continue;
            }
            try {
                counters.put(c, SysfsFiles.parseUnsignedAnyBase(text));
            } catch (NumberFormatException e) {
                throw new IOException("malformed " + f + ": " + text, e);
            }
        }
        return new FibreChannelHost(host.getFileName().toString(), attrs, counters);
    }
}
