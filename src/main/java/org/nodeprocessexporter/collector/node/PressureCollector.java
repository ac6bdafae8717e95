package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.Pressure;

/**
 * node_exporter's {@code pressure}: pressure stall information from {@code /proc/pressure}. cpu
 * exports only its {@code some} line and irq only its {@code full} line, as upstream does.
 */
public final class PressureCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("pressure", true, PressureCollector::new);

    private final CollectorContext ctx;

    private PressureCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        int found = 0;
        for (String resource : new String[] {"cpu", "io", "memory", "irq"}) {
            Pressure p = null;
            try {
                if (ctx.proc("pressure", resource).toFile().exists()) { // irq before 6.1: no exception every scrape
                    p = Pressure.read(ctx.procfs(), resource);
                }
            } catch (NoSuchFileException e) {
                p = null; // gone between the check and the read
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("not supported")) {
                    throw new NoDataException("pressure information is disabled, add psi=1 kernel command line "
                            + "to enable it");
                }
                throw e;
            }
            if (p == null) {
                Log.debug("pressure information is unavailable, you need a Linux kernel >= 4.20 (6.1 for irq) "
                        + "and/or CONFIG_PSI enabled for your kernel", "resource", resource);
                continue;
            }
            if ((p.someTotal() == null && !resource.equals("irq"))
                    || (p.fullTotal() == null && !resource.equals("cpu"))) {
                throw new NoDataException("pressure information for " + resource + " lacks a some or full line");
            }
            switch (resource) {
                case "cpu" -> sink.counter("node_pressure_cpu_waiting_seconds_total",
                        "Total time in seconds that processes have waited for CPU time", p.someTotal() / 1e6);
                case "io" -> {
                    sink.counter("node_pressure_io_waiting_seconds_total",
                            "Total time in seconds that processes have waited due to IO congestion", p.someTotal() / 1e6);
                    sink.counter("node_pressure_io_stalled_seconds_total",
                            "Total time in seconds no process could make progress due to IO congestion",
                            p.fullTotal() / 1e6);
                }
                case "memory" -> {
                    sink.counter("node_pressure_memory_waiting_seconds_total",
                            "Total time in seconds that processes have waited for memory", p.someTotal() / 1e6);
                    sink.counter("node_pressure_memory_stalled_seconds_total",
                            "Total time in seconds no process could make progress due to memory congestion",
                            p.fullTotal() / 1e6);
                }
                default -> sink.counter("node_pressure_irq_stalled_seconds_total",
                        "Total time in seconds no process could make progress due to IRQ congestion",
                        p.fullTotal() / 1e6);
            }
            found++;
        }
        if (found == 0) {
            throw new NoDataException("pressure information is unavailable, you need a Linux kernel >= 4.20 "
                    + "and/or CONFIG_PSI enabled for your kernel");
        }
    }
}
