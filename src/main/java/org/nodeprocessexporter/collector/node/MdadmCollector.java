package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.Mdstat;
import org.nodeprocessexporter.sysfs.Mdraid;

/** node_exporter's {@code mdadm}: Linux software RAID arrays from /proc/mdstat and /sys/block/md*. */
public final class MdadmCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("mdadm", true, MdadmCollector::new);

    /** node_md_state's label values and the parser state each stands for. */
    private static final String[][] STATES = {
        {"active", "active"}, {"inactive", "inactive"}, {"recovering", "recovering"},
        {"resync", "resyncing"}, {"check", "checking"}};

    private final CollectorContext ctx;

    private MdadmCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.proc("mdstat"));
        for (Mdstat md : Mdstat.read(ctx.procfs())) {
            String d = md.name();
            sink.gauge("node_md_disks_required", "Total number of disks of device.", "device").add(md.disksTotal(), d);
            MetricFamily disks = sink.gauge("node_md_disks", "Number of active/failed/spare disks of device.",
                    "device", "state");
            disks.add(md.disksActive(), d, "active");
            disks.add(md.disksFailed(), d, "failed");
            disks.add(md.disksSpare(), d, "spare");
            MetricFamily state = sink.gauge("node_md_state", "Indicates the state of md-device.", "device", "state");
            for (String[] s : STATES) {
                state.add(md.state().equals(s[1]) ? 1 : 0, d, s[0]);
            }
            sink.gauge("node_md_blocks", "Total number of blocks on device.", "device").add(md.blocksTotal(), d);
            sink.gauge("node_md_blocks_synced", "Number of blocks synced on device.", "device")
                    .add(md.blocksSynced(), d);
        }
        for (Mdraid md : Mdraid.read(ctx.sysfs())) {
            sink.gauge("node_md_raid_disks", "Number of raid disks on device.", "device").add(md.disks(), md.device());
            sink.gauge("node_md_degraded", "Number of degraded disks on device.", "device")
                    .add(md.degraded(), md.device());
        }
    }
}
