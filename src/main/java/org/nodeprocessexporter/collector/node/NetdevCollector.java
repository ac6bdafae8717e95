package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.NetDev;

/**
 * node_exporter's {@code netdev}, from {@code /proc/net/dev} (upstream's
 * {@code --collector.netdev.netlink=false} path; the netlink flag is accepted and ignored). One
 * counter per column and device.
 */
public final class NetdevCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("netdev", true, NetdevCollector::create,
            Flag.regexp("collector.netdev.device-include", "",
                    "Regexp of net devices to include (mutually exclusive to device-exclude).")
                    .withAliases("collector.netdev.device-whitelist"),
            Flag.regexp("collector.netdev.device-exclude", "",
                    "Regexp of net devices to exclude (mutually exclusive to device-include).")
                    .withAliases("collector.netdev.device-blacklist"),
            Flag.bool("collector.netdev.address-info", false, "Collect address-info for every device"),
            Flag.bool("collector.netdev.enable-detailed-metrics", false,
                    "Use (incompatible) metric names that provide more detailed stats on Linux"),
            Flag.bool("collector.netdev.netlink", true, "Use netlink to gather stats instead of /proc/net/dev."),
            Flag.bool("collector.netdev.label-ifalias", false, "Add ifAlias label"));

    /**
     * The column names upstream prints without detailed metrics: its netlink path's names mapped
     * back to the ones /proc/net/dev has always had.
     */
    private static final String[] LEGACY_COLUMNS = {
        "receive_bytes", "receive_packets", "receive_errs", "receive_drop", "receive_fifo", "receive_frame",
        "receive_compressed", "receive_multicast", "transmit_bytes", "transmit_packets", "transmit_errs",
        "transmit_drop", "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed"};

    private final CollectorContext ctx;
    private final DeviceFilter filter;
    private final String[] columns;
    private final boolean addressInfo;
    private final boolean ifalias;

    private NetdevCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.filter = new DeviceFilter(ctx.flags().regexp("collector.netdev.device-exclude"),
                ctx.flags().regexp("collector.netdev.device-include"));
        this.columns = ctx.flags().bool("collector.netdev.enable-detailed-metrics") ? NetDev.COLUMNS : LEGACY_COLUMNS;
        this.addressInfo = ctx.flags().bool("collector.netdev.address-info");
        this.ifalias = ctx.flags().bool("collector.netdev.label-ifalias");
    }

    private static NetdevCollector create(CollectorContext ctx) throws Exception {
        ctx.requireNotBoth("collector.netdev.device-include", "collector.netdev.device-exclude");
        return new NetdevCollector(ctx);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<NetDev.Device> devices = NetDev.read(ctx.procfs());
        MetricFamily[] families = new MetricFamily[columns.length];
        String[] labels = ifalias ? new String[] {"device", "ifalias"} : new String[] {"device"};
        for (int i = 0; i < columns.length; i++) {
            families[i] = sink.counter("node_network_" + columns[i] + "_total",
                    "Network device statistic " + columns[i] + ".", labels);
        }
        for (NetDev.Device d : devices) {
            if (filter.ignored(d.name())) {
                continue;
            }
            String[] values = ifalias ? new String[] {d.name(), alias(d.name())} : new String[] {d.name()};
            for (int i = 0; i < columns.length; i++) {
                families[i].add(d.values()[i], values);
            }
        }
        if (addressInfo) {
            addresses(sink);
        }
    }

    private String alias(String device) {
        try {
            return ProcFile.readString(ctx.sys("class", "net", device, "ifalias")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Like upstream, every address of every interface, unfiltered, from the live system. */
    private static void addresses(MetricSink sink) throws IOException {
        MetricFamily f = sink.gauge("node_network_address_info", "node network address by device",
                "device", "address", "netmask", "scope");
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                InetAddress ip = a.getAddress();
                f.add(1, nif.getName(), goString(ip), Short.toString(a.getNetworkPrefixLength()), scope(ip));
            }
        }
    }

    /** Go's net.IP scope classes as node_exporter names them. */
    static String scope(InetAddress ip) {
        if (ip.isLoopbackAddress() || ip.isLinkLocalAddress() || isLinkLocalMulticast(ip)) {
            return "link-local";
        }
        if (ip instanceof Inet6Address && ip.isMulticastAddress() && (ip.getAddress()[1] & 0x0f) == 0x01) {
            return "interface-local";
        }
        if (!ip.isMulticastAddress() && !ip.isAnyLocalAddress() && !isBroadcast(ip)) {
            return "global";
        }
        return "";
    }

    private static boolean isLinkLocalMulticast(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0;
        }
        return (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02;
    }

    private static boolean isBroadcast(InetAddress ip) {
        byte[] b = ip.getAddress();
        return b.length == 4 && (b[0] & b[1] & b[2] & b[3]) == (byte) 0xff;
    }

    /** An address as Go prints it: dotted IPv4, or IPv6 with the longest zero run as {@code ::}. */
    static String goString(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (b.length == 4) {
            return ip.getHostAddress();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
