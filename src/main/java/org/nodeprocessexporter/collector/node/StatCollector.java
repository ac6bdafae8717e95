package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.KernelStat;

/** node_exporter's {@code stat}: the kernel-wide counters of {@code /proc/stat}. */
public final class StatCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("stat", true, StatCollector::new,
            Flag.bool("collector.stat.softirq", false, "Export softirq calls per vector"));

    private final CollectorContext ctx;
    private final boolean softirq;

    private StatCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.softirq = ctx.flags().bool("collector.stat.softirq");
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        KernelStat s = KernelStat.read(ctx.procfs());
        sink.counter("node_intr_total", "Total number of interrupts serviced.", s.interrupts());
        sink.counter("node_context_switches_total", "Total number of context switches.", s.contextSwitches());
        sink.counter("node_forks_total", "Total number of forks.", s.forks());
        sink.gauge("node_boot_time_seconds", "Node boot time, in unixtime.", s.bootTime());
        sink.gauge("node_procs_running", "Number of processes in runnable state.", s.procsRunning());
        sink.gauge("node_procs_blocked", "Number of processes blocked waiting for I/O to complete.",
                s.procsBlocked());
        if (softirq) {
            // Like upstream, zeroes when the kernel has no softirq line.
            double[] v = s.softirqs() != null ? s.softirqs() : new double[KernelStat.SOFTIRQ_VECTORS.length];
            MetricFamily f = sink.counter("node_softirqs_total", "Number of softirq calls.", "vector");
            for (int i = 0; i < v.length; i++) {
                f.add(v[i], KernelStat.SOFTIRQ_VECTORS[i]);
            }
        }
    }
}
