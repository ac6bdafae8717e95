package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.Cpufreq;

/** node_exporter's {@code cpufreq}: each CPU's frequencies (kHz in sysfs, hertz here) and governor. */
public final class CpufreqCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("cpufreq", true, CpufreqCollector::new);

    private final CollectorContext ctx;

    private CpufreqCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (Cpufreq c : Cpufreq.read(ctx.sysfs())) {
            add(sink, "node_cpu_frequency_hertz", "Current CPU thread frequency in hertz.", c.cpuinfoCur(), c.cpu());
            add(sink, "node_cpu_frequency_min_hertz", "Minimum CPU thread frequency in hertz.", c.cpuinfoMin(), c.cpu());
            add(sink, "node_cpu_frequency_max_hertz", "Maximum CPU thread frequency in hertz.", c.cpuinfoMax(), c.cpu());
            add(sink, "node_cpu_scaling_frequency_hertz", "Current scaled CPU thread frequency in hertz.",
                    c.scalingCur(), c.cpu());
            add(sink, "node_cpu_scaling_frequency_min_hertz", "Minimum scaled CPU thread frequency in hertz.",
                    c.scalingMin(), c.cpu());
            add(sink, "node_cpu_scaling_frequency_max_hertz", "Maximum scaled CPU thread frequency in hertz.",
                    c.scalingMax(), c.cpu());
            if (c.governor() != null && !c.governor().isEmpty()) {
                MetricFamily g = sink.gauge("node_cpu_scaling_governor", "Current enabled CPU frequency governor.",
                        "cpu", "governor");
                String available = c.availableGovernors() == null ? "" : c.availableGovernors();
                for (String name : available.split(" ")) {
                    g.add(name.equals(c.governor()) ? 1 : 0, c.cpu(), name);
                }
            }
        }
    }

    private static void add(MetricSink sink, String name, String help, Long khz, String cpu) {
        if (khz != null) {
            sink.gauge(name, help, "cpu").add(khz * 1000.0, cpu);
        }
    }
}
