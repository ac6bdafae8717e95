package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.Edac;

/** node_exporter's {@code edac}: memory error counters of the EDAC memory controllers. */
public final class EdacCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("edac", true, EdacCollector::new);

    private final CollectorContext ctx;

    private EdacCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (Edac mc : Edac.read(ctx.sysfs())) {
            MetricFamily ce = sink.counter("node_edac_correctable_errors_total", "Total correctable memory errors.",
                    "controller");
            MetricFamily ue = sink.counter("node_edac_uncorrectable_errors_total", "Total uncorrectable memory errors.",
                    "controller");
            MetricFamily rowCe = sink.counter("node_edac_csrow_correctable_errors_total",
                    "Total correctable memory errors for this csrow.", "controller", "csrow");
            MetricFamily rowUe = sink.counter("node_edac_csrow_uncorrectable_errors_total",
                    "Total uncorrectable memory errors for this csrow.", "controller", "csrow");
            ce.add(mc.ce(), mc.controller());
            ue.add(mc.ue(), mc.controller());
            rowCe.add(mc.ceNoInfo(), mc.controller(), "unknown");
            rowUe.add(mc.ueNoInfo(), mc.controller(), "unknown");
            for (Edac.Csrow row : mc.csrows()) {
                rowCe.add(row.ce(), mc.controller(), row.csrow());
                rowUe.add(row.ue(), mc.controller(), row.csrow());
            }
        }
    }
}
