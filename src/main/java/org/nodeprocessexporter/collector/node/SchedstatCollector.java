package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.Fields;
import org.nodeprocessexporter.procfs.ProcFile;

/**
 * node_exporter's {@code schedstat}: per-CPU run and wait time from {@code /proc/schedstat}
 * (absent on kernels without CONFIG_SCHEDSTATS). Of each {@code cpuN} line's nine numbers the
 * last three are running ns, waiting ns and timeslices.
 */
public final class SchedstatCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("schedstat", true, SchedstatCollector::new);

    private final CollectorContext ctx;

    private SchedstatCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.proc("schedstat"), "schedstat file does not exist");
        String text;
        try {
            text = ProcFile.readString(ctx.proc("schedstat"));
        } catch (NoSuchFileException e) {
            throw new NoDataException("schedstat file does not exist");
        }
        MetricFamily running = sink.counter("node_schedstat_running_seconds_total",
                "Number of seconds CPU spent running a process.", "cpu");
        MetricFamily waiting = sink.counter("node_schedstat_waiting_seconds_total",
                "Number of seconds spent by processing waiting for this CPU.", "cpu");
        MetricFamily slices = sink.counter("node_schedstat_timeslices_total", "Number of timeslices executed by CPU.",
                "cpu");
        for (String line : Fields.lines(text)) {
            String[] f = Fields.split(line);
            if (f.length < 10 || !f[0].startsWith("cpu")) {
                continue;
            }
            String cpu = f[0].substring(3);
            if (cpu.isEmpty() || !cpu.chars().allMatch(Character::isDigit)) {
                throw new IOException("malformed /proc/schedstat line: " + line);
            }
            running.add(Fields.number(f[7], "/proc/schedstat") / 1e9, cpu);
            waiting.add(Fields.number(f[8], "/proc/schedstat") / 1e9, cpu);
            slices.add(Fields.number(f[9], "/proc/schedstat"), cpu);
        }
    }
}
