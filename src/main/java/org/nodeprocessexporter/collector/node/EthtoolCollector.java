package org.nodeprocessexporter.collector.node;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sys.EthtoolIoctl;
import org.nodeprocessexporter.sysfs.NetClass;

/**
 * node_exporter's {@code ethtool}: for each interface under {@code <sysfs>/class/net}, the link
 * modes it supports and advertises (ETHTOOL_GSET), its driver information (ETHTOOL_GDRVINFO) and
 * the driver's statistics (ETHTOOL_GSTRINGS + ETHTOOL_GSTATS), through the SIOCETHTOOL ioctl as
 * safchain/ethtool makes it, in the exporter's network namespace. An ioctl the driver does not
 * support is logged at debug, any other failure at error, and the interface's other metrics are
 * still served, as upstream.
 *
 * <p>Statistics are named as upstream names them: the driver's name sanitized, lower-cased,
 * {@code rx}/{@code tx} words spelled {@code received}/{@code transmitted}, names that collide
 * after that dropped. Upstream then looks each value up under the sanitized name rather than the
 * driver's, so a statistic whose name needed sanitizing ({@code port.rx_bytes}) reports 0 there;
 * this collector reports what upstream reports. Only the first 32 link mode bits exist in
 * ETHTOOL_GSET, so faster modes are never listed, as upstream.
 */
public final class EthtoolCollector implements Collector {
    static final String INCLUDE = "collector.ethtool.device-include";
    static final String EXCLUDE = "collector.ethtool.device-exclude";
    static final String METRICS = "collector.ethtool.metrics-include";

    public static final CollectorSpec SPEC = CollectorSpec.of("ethtool", false, EthtoolCollector::new,
            Flag.regexp(INCLUDE, "", "Regexp of ethtool devices to include (mutually exclusive to device-exclude)."),
            Flag.regexp(EXCLUDE, "", "Regexp of ethtool devices to exclude (mutually exclusive to device-include)."),
            Flag.regexp(METRICS, ".*", "Regexp of ethtool stats to include."));

    private static final Pattern INVALID = Pattern.compile("_*[^0-9A-Za-z_]+_*");
    private static final Pattern RX = Pattern.compile("(^|_)rx(_|$)");
    private static final Pattern TX = Pattern.compile("(^|_)tx(_|$)");
    private static final int MAX_REMEMBERED = 8192;
    private static final double MBPS = 1_000_000.0 / 8.0;

    private static final int AUTONEG = 6;
    private static final int PAUSE = 13;
    private static final int ASYM_PAUSE = 14;
    /** ethtool_link_mode_bit_indices below 32 that upstream lists: bit, speed in Mb/s, duplex, PHY. */
    private static final Object[][] SPEEDS = {
        {0, 10, "half", "T"}, {1, 10, "full", "T"}, {2, 100, "half", "T"}, {3, 100, "full", "T"},
        {4, 1000, "half", "T"}, {5, 1000, "full", "T"}, {12, 10000, "full", "T"}, {17, 1000, "full", "KX"},
        {18, 10000, "full", "KX4"}, {19, 10000, "full", "KR"}, {20, 10000, "full", "R_FEC"},
        {21, 20000, "full", "MLD2"}, {22, 20000, "full", "KR2"}, {23, 40000, "full", "KR4"},
        {24, 40000, "full", "CR4"}, {25, 40000, "full", "SR4"}, {26, 40000, "full", "LR4"},
        {27, 56000, "full", "KR4"}, {28, 56000, "full", "CR4"}, {29, 56000, "full", "SR4"},
        {30, 56000, "full", "LR4"}, {31, 25000, "full", "CR"},
    };
    private static final Object[][] PORTS = {
        {7, "TP"}, {8, "AUI"}, {9, "MII"}, {10, "FIBRE"}, {11, "BNC"}, {16, "Backplane"},
    };
    /** The statistics upstream gives a name and help of their own, by sanitized driver name. */
    private static final Map<String, String[]> KNOWN = Map.of(
            "rx_bytes", new String[] {"node_ethtool_received_bytes_total", "Network interface bytes received"},
            "rx_dropped", new String[] {"node_ethtool_received_dropped_total", "Number of received frames dropped"},
            "rx_errors", new String[] {"node_ethtool_received_errors_total", "Number of received frames with errors"},
            "rx_packets", new String[] {"node_ethtool_received_packets_total", "Network interface packets received"},
            "tx_bytes", new String[] {"node_ethtool_transmitted_bytes_total", "Network interface bytes sent"},
            "tx_errors", new String[] {"node_ethtool_transmitted_errors_total", "Number of sent frames with errors"},
            "tx_packets", new String[] {"node_ethtool_transmitted_packets_total", "Network interface packets sent"});

    private final CollectorContext ctx;
    private final DeviceFilter devices;
    private final Pattern metrics;
    /** Driver statistic name to its sanitized name, or "" when the metrics pattern rejects it. */
    private final Map<String, String> sanitized = new HashMap<>();

    private EthtoolCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.devices = new DeviceFilter(ctx.flags().regexp(EXCLUDE), ctx.flags().regexp(INCLUDE));
        Pattern p = ctx.flags().regexp(METRICS);
        this.metrics = p != null ? p : Pattern.compile("");
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<String> names;
        try {
            names = NetClass.devices(ctx.sysfs());
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new NoDataException("could not read netclass: " + e.getMessage());
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no network devices found");
        }
        Devices reader = new Devices();
        try (EthtoolIoctl ethtool = EthtoolIoctl.open()) {
            for (String device : names) {
                if (!devices.ignored(device)) {
                    reader.device(sink, ethtool, device);
                }
            }
        }
    }


    /** The statistics as upstream emits them (see the class comment). */
    void stats(MetricSink sink, String device, Map<String, Long> stats) {
        if (stats.isEmpty()) {
            return;
        }
        Map<String, String> byFqName = new TreeMap<>();
        for (String raw : stats.keySet()) {
            String name = sanitizedOrRejected(raw);
            if (name.isEmpty()) {
                continue;
            }
            String fq = fqName(name);
            byFqName.put(fq, byFqName.containsKey(fq) ? "" : name); // "" marks a collision
        }
        for (Map.Entry<String, String> e : byFqName.entrySet()) {
            String name = e.getValue();
            if (name.isEmpty()) {
                Log.debug("dropping duplicate metric name", "device", device, "metricFQName", e.getKey());
                continue;
            }
            Long value = stats.get(name);
            String[] known = KNOWN.get(name);
            String family = known != null ? known[0] : e.getKey();
            String help = known != null ? known[1] : "Network interface " + name;
            sink.untyped(family, help, "device").add(value == null ? 0 : QdiscCollector.u(value), device);
        }
    }

    private String sanitizedOrRejected(String raw) {
        String known = sanitized.get(raw);
        if (known != null) {
            return known;
        }
        String name = INVALID.matcher(raw).replaceAll("_");
        String answer = metrics.matcher(name).find() ? name : "";
        if (sanitized.size() >= MAX_REMEMBERED) {
            sanitized.clear();
        }
        sanitized.put(raw, answer);
        return answer;
    }

    static String fqName(String sanitizedName) {
        String n = INVALID.matcher(sanitizedName).replaceAll("_").toLowerCase(Locale.ROOT);
        int start = 0;
        while (start < n.length() && n.charAt(start) == '_') {
            start++;
        }
        n = n.substring(start);
        n = RX.matcher(n).replaceAll("$1received$2");
        n = TX.matcher(n).replaceAll("$1transmitted$2");
        return "node_ethtool_" + n;
    }

    static void linkModes(MetricSink sink, String device, EthtoolIoctl.LinkSettings link) {
        speeds(sink, "supported", "Combination of speeds and features supported by network device", device,
                link.supported());
        for (Object[] p : PORTS) {
            if (bit(link.supported(), (int) p[0])) {
                sink.gauge("node_network_supported_port_info", "Type of ports or PHYs supported by network device",
                        "device", "type").add(1, device, (String) p[1]);
            }
        }
        capabilities(sink, "supported", "supports", device, link.supported());
        speeds(sink, "advertised", "Combination of speeds and features offered by network device", device,
                link.advertising());
        capabilities(sink, "advertised", "offers", device, link.advertising());
        sink.gauge("node_network_autonegotiate", "If this port is using autonegotiate", "device")
                .add(link.autoneg(), device);
    }

    private static void speeds(MetricSink sink, String prefix, String help, String device, long modes) {
        for (Object[] s : SPEEDS) {
            if (bit(modes, (int) s[0])) {
                int speed = (int) s[1];
                sink.gauge("node_network_" + prefix + "_speed_bytes", help, "device", "duplex", "mode")
                        .add(speed * MBPS, device, (String) s[2], speed + "base" + s[3]);
            }
        }
    }

    private static void capabilities(MetricSink sink, String prefix, String verb, String device, long modes) {
        boolean supported = prefix.equals("supported");
        sink.gauge("node_network_autonegotiate_" + prefix,
                "If this port device " + verb + " autonegotiate", "device").add(bit(modes, AUTONEG) ? 1 : 0, device);
        sink.gauge("node_network_pause_" + prefix, "If this port device " + verb
                + (supported ? " pause frames" : " pause capability"), "device").add(bit(modes, PAUSE) ? 1 : 0, device);
        sink.gauge("node_network_asymmetricpause_" + prefix, "If this port device " + verb
                        + (supported ? " asymmetric pause frames" : " asymmetric pause capability"), "device")
                .add(bit(modes, ASYM_PAUSE) ? 1 : 0, device);
    }

    private static boolean bit(long modes, int bit) {
        return (modes & (1L << bit)) != 0;
    }

    /**
     * One device's three ioctls. A class of its own so that the collector class, which is loaded
     * for its SPEC even when the collector is off, does not name EthtoolIoctl.Failure in a catch:
     * the JVM loads every caught exception type when it verifies a class.
     */
    private final class Devices {
        void device(MetricSink sink, EthtoolIoctl ethtool, String device) {
            try {
                EthtoolIoctl.LinkSettings link = ethtool.linkSettings(device);
                linkModes(sink, device, link);
            } catch (EthtoolIoctl.Failure e) {
                logFailure("ethtool link info error", device, e);
            }
            try {
                EthtoolIoctl.DriverInfo d = ethtool.driverInfo(device);
                sink.gauge("node_ethtool_info", "A metric with a constant '1' value labeled by bus_info, device, driver, "
                                + "expansion_rom_version, firmware_version, version.", "bus_info", "device", "driver",
                        "expansion_rom_version", "firmware_version", "version")
                        .add(1, d.busInfo(), device, d.driver(), d.expansionRomVersion(), d.firmwareVersion(), d.version());
            } catch (EthtoolIoctl.Failure e) {
                logFailure("ethtool driver info error", device, e);
            }
            Map<String, Long> stats;
            try {
                stats = ethtool.stats(device);
            } catch (EthtoolIoctl.Failure e) {
                logFailure("ethtool stats error", device, e);
                return;
            }
            stats(sink, device, stats);
        }

        private static void logFailure(String msg, String device, EthtoolIoctl.Failure e) {
            if (e.errno() == EthtoolIoctl.EOPNOTSUPP) {
                Log.debug(msg, "err", e.getMessage(), "device", device, "errno", e.errno());
            } else {
                Log.error(msg, "err", e.getMessage(), "device", device, "errno", e.errno());
            }
        }
    }
}
