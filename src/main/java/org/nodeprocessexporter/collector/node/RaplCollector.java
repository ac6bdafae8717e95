package org.nodeprocessexporter.collector.node;

import java.nio.file.AccessDeniedException;
import java.util.List;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.RaplZone;

/**
 * node_exporter's {@code rapl}: the energy counters of Intel/AMD RAPL zones, one counter family per
 * zone name, or with {@code --collector.rapl.enable-zone-label} one family with a zone label.
 */
public final class RaplCollector implements Collector {
    static final String ZONE_LABEL = "collector.rapl.enable-zone-label";

    // Upstream's help text for this flag is a copy-paste slip ("Enables service unit metric
    // unit_start_time_seconds"); ours says what the flag does.
    public static final CollectorSpec SPEC = CollectorSpec.of("rapl", true, RaplCollector::new,
            Flag.bool(ZONE_LABEL, false, "Enables RAPL zone labels"));

    private final CollectorContext ctx;
    private final boolean zoneLabel;

    private RaplCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.zoneLabel = ctx.flags().bool(ZONE_LABEL);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.sys("class", "powercap"));
        List<RaplZone> zones;
        try {
            zones = RaplZone.read(ctx.sysfs());
        } catch (AccessDeniedException e) {
            throw new NoDataException("can't access powercap files: " + e.getMessage());
        }
        emit(sink, zones);
    }

    /** The families, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink, List<RaplZone> zones) throws Exception {
        for (RaplZone z : zones) {
            long uj;
            try {
                uj = z.energyMicrojoules();
            } catch (AccessDeniedException e) {
                // energy_uj is root-only since Linux 5.10 (a side channel): not an error for non-root.
                Log.debug("can't access energy_uj file", "zone", z.path(), "err", e.getMessage());
                throw new NoDataException("can't access " + e.getFile());
            }
            double joules = uj / 1e6;
            String index = Integer.toString(z.index());
            if (zoneLabel) {
                sink.counter("node_rapl_joules_total", "Current RAPL value in joules", "index", "path", "rapl_zone")
                        .add(joules, index, z.path().toString(), z.name());
            } else {
                sink.counter("node_rapl_" + MetricNames.sanitize(z.name()) + "_joules_total",
                        "Current RAPL " + z.name() + " value in joules", "index", "path")
                        .add(joules, index, z.path().toString());
            }
        }
    }
}
