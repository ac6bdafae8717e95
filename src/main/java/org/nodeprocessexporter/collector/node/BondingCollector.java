package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.Bonding;

/** node_exporter's {@code bonding}: configured and active slaves of each bonding interface. */
public final class BondingCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("bonding", true, BondingCollector::new);

    private final CollectorContext ctx;

    private BondingCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.sys("class", "net", "bonding_masters"));
        for (Bonding b : Bonding.read(ctx.sysfs())) {
            sink.gauge("node_bonding_slaves", "Number of configured slaves per bonding interface.", "master")
                    .add(b.slaves(), b.master());
            sink.gauge("node_bonding_active", "Number of active slaves per bonding interface.", "master")
                    .add(b.active(), b.master());
        }
    }
}
