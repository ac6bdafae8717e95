package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.util.List;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Interrupts;
import org.nodeprocessexporter.procfs.ProcFile;

/**
 * node_exporter's {@code interrupts} (off by default): {@code node_interrupts_total} per interrupt
 * and CPU from {@code /proc/interrupts}, labelled {@code type} (the name: {@code 24}, {@code NMI},
 * {@code LOC}), {@code info} and {@code devices} as {@link Interrupts} splits a line. {@code ERR}
 * and {@code MIS}, one machine-wide count without a description, are not exported, as upstream.
 * The name filters match {@code type;info;devices} (e.g. {@code 41;PCI-MSIX-0000:00:04.0;1-edge
 * virtio3-rx}); {@code --no-collector.interrupts.include-zeros} drops the series that are 0.
 *
 * <p>Differs from upstream: giving both name filters is a start-up error, as their help says;
 * upstream accepts both and applies both.
 */
public final class InterruptsCollector implements Collector {
    static final String INCLUDE = "collector.interrupts.name-include";
    static final String EXCLUDE = "collector.interrupts.name-exclude";
    static final String INCLUDE_ZEROS = "collector.interrupts.include-zeros";

    public static final CollectorSpec SPEC = CollectorSpec.of("interrupts", false, InterruptsCollector::new,
            Flag.regexp(INCLUDE, "",
                    "Regexp of interrupts name to include (mutually exclusive to --collector.interrupts.name-exclude)."),
            Flag.regexp(EXCLUDE, "",
                    "Regexp of interrupts name to exclude (mutually exclusive to --collector.interrupts.name-include)."),
            Flag.bool(INCLUDE_ZEROS, true, "Include interrupts that have a zero value"));

    private final CollectorContext ctx;
    private final DeviceFilter filter;
    private final boolean includeZeros;
    private final ProcFile file = new ProcFile(16384);

    private InterruptsCollector(CollectorContext ctx) throws Exception {
        this.ctx = ctx;
        this.filter = DeviceFilter.fromBothFlags(ctx, EXCLUDE, INCLUDE);
        this.includeZeros = ctx.flags().bool(INCLUDE_ZEROS);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<Interrupts.Interrupt> interrupts = Interrupts.read(file, ctx.procfs());
        MetricFamily total = sink.counter("node_interrupts_total", "Interrupt details.",
                "cpu", "type", "info", "devices");
        for (Interrupts.Interrupt i : interrupts) {
            if (filter.ignored(i.name() + ";" + i.info() + ";" + i.devices())) {
                continue;
            }
            if (i.badValue() != null) {
                throw new IOException("invalid value " + i.badValue() + " in interrupts");
            }
            double[] counts = i.counts();
            for (int cpu = 0; cpu < counts.length; cpu++) {
                if (includeZeros || counts[cpu] != 0) {
                    total.add(counts[cpu], IndexLabels.of(cpu), i.name(), i.info(), i.devices());
                }
            }
        }
    }
}
