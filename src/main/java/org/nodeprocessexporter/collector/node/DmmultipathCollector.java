package org.nodeprocessexporter.collector.node;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.DmMultipath;

/**
 * node_exporter's {@code dmmultipath} (new in 1.12, enabled by default): device-mapper multipath maps
 * and the state of their paths, from {@code /sys/block/dm-*}.
 */
public final class DmmultipathCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("dmmultipath", true, DmmultipathCollector::new);

    private static final String P = "node_dmmultipath_";

    private final CollectorContext ctx;

    private DmmultipathCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    /** SCSI "running" and NVMe "live" are usable paths; every other state counts as failed. */
    static boolean active(String state) {
        return state.equals("running") || state.equals("live");
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<DmMultipath> maps;
        try {
            maps = DmMultipath.read(ctx.sysfs());
        } catch (NoSuchFileException | AccessDeniedException e) {
            // As upstream: a file missing or refused anywhere in the scan is "no data", not an error.
            throw new NoDataException("cannot read DM-multipath devices: " + e.getMessage());
        }
        for (DmMultipath m : maps) {
            String dev = m.name();
            String sys = m.sysfsName();
            sink.gauge(P + "device_info", "Non-numeric information about a DM-multipath device.",
                    "device", "sysfs_name", "uuid").add(1, dev, sys, m.uuid());
            sink.gauge(P + "device_active", "Whether the multipath device-mapper device is active (1) or "
                    + "suspended (0).", "device", "sysfs_name").add(m.suspended() ? 0 : 1, dev, sys);
            sink.gauge(P + "device_size_bytes", "Size of the multipath device in bytes, read from "
                    + "/sys/block/<dm>/size.", "device", "sysfs_name").add(m.sizeBytes(), dev, sys);
            int up = 0;
            for (DmMultipath.PathDevice p : m.paths()) {
                if (active(p.state())) {
                    up++;
                }
                sink.gauge(P + "path_state", "Reports the underlying device state for a multipath path, as read "
                        + "from /sys/block/<dev>/device/state.", "device", "path", "state")
                        .add(1, dev, p.device(), p.state());
            }
            sink.gauge(P + "device_paths", "Number of paths for a multipath device.", "device", "sysfs_name")
                    .add(m.paths().size(), dev, sys);
            sink.gauge(P + "device_paths_active", "Number of paths in active state (SCSI running or NVMe live) "
                    + "for a multipath device.", "device", "sysfs_name").add(up, dev, sys);
            sink.gauge(P + "device_paths_failed", "Number of paths not in active state for a multipath device.",
                    "device", "sysfs_name").add(m.paths().size() - up, dev, sys);
        }
    }
}
