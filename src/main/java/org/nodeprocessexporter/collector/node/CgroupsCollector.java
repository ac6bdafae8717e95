package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.CgroupSummary;

/**
 * node_exporter's {@code cgroups}: the controllers of {@code /proc/cgroups}, how many cgroups each
 * has and whether it is enabled. Both families carry upstream's help text, which is the same for
 * the two ("Current cgroup number of the subsystem.").
 */
public final class CgroupsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("cgroups", false, CgroupsCollector::new);

    private static final String HELP = "Current cgroup number of the subsystem.";

    private final CollectorContext ctx;

    private CgroupsCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        var summaries = CgroupSummary.read(ctx.procfs());
        MetricFamily cgroups = sink.gauge("node_cgroups_cgroups", HELP, "subsys_name");
        MetricFamily enabled = sink.gauge("node_cgroups_enabled", HELP, "subsys_name");
        for (CgroupSummary s : summaries) {
            cgroups.add(s.cgroups(), s.subsysName());
            enabled.add(s.enabled(), s.subsysName());
        }
    }
}
