package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.CpuVulnerability;

/**
 * node_exporter's {@code cpu_vulnerabilities}: one {@code node_cpu_vulnerabilities_info} series per
 * file of {@code /sys/devices/system/cpu/vulnerabilities}, value 1. As upstream, a kernel without
 * that directory (before 4.15) gives a successful scrape with no series.
 */
public final class CpuVulnerabilitiesCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("cpu_vulnerabilities", false,
            CpuVulnerabilitiesCollector::new);

    private final CollectorContext ctx;

    private CpuVulnerabilitiesCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        var vulnerabilities = CpuVulnerability.read(ctx.sysfs());
        MetricFamily info = sink.gauge("node_cpu_vulnerabilities_info", "Details of each CPU vulnerability reported by "
                + "sysfs. The value of the series is an int encoded state of the vulnerability. The same state is "
                + "stored as a string in the label", "codename", "state", "mitigation");
        for (CpuVulnerability v : vulnerabilities) {
            info.add(1, v.codeName(), v.state(), v.mitigation());
        }
    }
}
