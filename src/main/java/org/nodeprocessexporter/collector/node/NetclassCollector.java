package org.nodeprocessexporter.collector.node;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.NetClass;

/**
 * node_exporter's {@code netclass}: the properties of each network interface from
 * {@code /sys/class/net}. {@code --collector.netclass.netlink} is accepted, and the same values are
 * read from sysfs either way.
 */
public final class NetclassCollector implements Collector {
    static final String IGNORED_DEVICES = "collector.netclass.ignored-devices";
    static final String IGNORE_INVALID_SPEED = "collector.netclass.ignore-invalid-speed";

    public static final CollectorSpec SPEC = CollectorSpec.of("netclass", true, NetclassCollector::new,
            Flag.regexp(IGNORED_DEVICES, "^$", "Regexp of net devices to ignore for netclass collector."),
            Flag.bool(IGNORE_INVALID_SPEED, false,
                    "Ignore devices where the speed is invalid. This will be the default behavior in 2.x."),
            Flag.bool("collector.netclass.netlink", false, "Use netlink to gather stats instead of /proc/net/dev."),
            Flag.bool("collector.netclass_rtnl.with-stats", false,
                    "Expose the statistics for each network device, replacing netdev collector."));

    private static final int IFF_UP = 1;

    /** Numeric attributes exported one family each: metric suffix, attribute file, counter?. */
    private static final String[][] FIELDS = {
        {"address_assign_type", "addr_assign_type", ""},
        {"carrier", "carrier", ""},
        {"carrier_changes_total", "carrier_changes", "c"},
        {"carrier_up_changes_total", "carrier_up_count", "c"},
        {"carrier_down_changes_total", "carrier_down_count", "c"},
        {"device_id", "dev_id", ""},
        {"dormant", "dormant", ""},
        {"flags", "flags", ""},
        {"iface_id", "ifindex", ""},
        {"iface_link", "iflink", ""},
        {"iface_link_mode", "link_mode", ""},
        {"mtu_bytes", "mtu", ""},
        {"net_dev_group", "netdev_group", ""},
        {"name_assign_type", "name_assign_type", ""},
        {"transmit_queue_length", "tx_queue_len", ""},
        {"protocol_type", "type", ""},
    };

    private final CollectorContext ctx;
    private final DeviceFilter ignored;
    private final boolean ignoreInvalidSpeed;

    private NetclassCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.ignored = new DeviceFilter(ctx.flags().regexp(IGNORED_DEVICES), null);
        this.ignoreInvalidSpeed = ctx.flags().bool(IGNORE_INVALID_SPEED);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<NetClass> ifaces = new ArrayList<>();
        try {
            for (String name : NetClass.devices(ctx.sysfs())) {
                if (ignored.ignored(name)) {
                    continue;
                }
                ifaces.add(NetClass.read(ctx.sysfs(), name));
            }
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new NoDataException("could not read netclass: " + e.getMessage());
        }
        for (NetClass i : ifaces) {
            String dev = i.name();
            String operstate = orEmpty(i.text("operstate"));
            sink.gauge("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.", "device")
                    .add(operstate.equals("up") ? 1 : 0, dev);
            Long flags = i.number("flags");
            String admin = flags == null ? "unknown" : (flags & IFF_UP) == 1 ? "up" : "down";
            sink.gauge("node_network_info", "Non-numeric data from /sys/class/net/<iface>, value is always 1.",
                            "device", "address", "broadcast", "duplex", "operstate", "adminstate", "ifalias")
                    .add(1, dev, orEmpty(i.text("address")), orEmpty(i.text("broadcast")), orEmpty(i.text("duplex")),
                            operstate, admin, orEmpty(i.text("ifalias")));
            for (String[] f : FIELDS) {
                Long v = i.number(f[1]);
                if (v != null) {
                    String name = "node_network_" + f[0];
                    String help = "Network device property: " + f[0];
                    (f[2].isEmpty() ? sink.gauge(name, help, "device") : sink.counter(name, help, "device")).add(v, dev);
                }
            }
            Long speed = i.number("speed");
            if (speed != null && (speed >= 0 || !ignoreInvalidSpeed)) {
                sink.gauge("node_network_speed_bytes", "Network device property: speed_bytes", "device")
                        .add(speed * 1000 * 1000 / 8, dev);
            }
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
