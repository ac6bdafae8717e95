package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.SoftnetStat;

/** node_exporter's {@code softnet}: per-CPU packet processing counters from {@code /proc/net/softnet_stat}. */
public final class SoftnetCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("softnet", true, SoftnetCollector::new);

    private final CollectorContext ctx;

    private SoftnetCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        SoftnetStat stat = SoftnetStat.read(ctx.procfs());
        MetricFamily processed = sink.counter("node_softnet_processed_total", "Number of processed packets", "cpu");
        MetricFamily dropped = sink.counter("node_softnet_dropped_total", "Number of dropped packets", "cpu");
        MetricFamily squeezed = sink.counter("node_softnet_times_squeezed_total",
                "Number of times processing packets ran out of quota", "cpu");
        MetricFamily collision = sink.counter("node_softnet_cpu_collision_total",
                "Number of collision occur while obtaining device lock while transmitting", "cpu");
        MetricFamily rps = sink.counter("node_softnet_received_rps_total", "Number of times cpu woken up received_rps",
                "cpu");
        MetricFamily flowLimit = sink.counter("node_softnet_flow_limit_count_total",
                "Number of times flow limit has been reached", "cpu");
        MetricFamily backlog = sink.gauge("node_softnet_backlog_len", "Softnet backlog status", "cpu");
        for (SoftnetStat.Cpu c : stat.cpus()) {
            String cpu = Long.toString(c.index());
            processed.add(c.processed(), cpu);
            dropped.add(c.dropped(), cpu);
            squeezed.add(c.timeSqueezed(), cpu);
            collision.add(c.cpuCollision(), cpu);
            rps.add(c.receivedRps(), cpu);
            flowLimit.add(c.flowLimitCount(), cpu);
            backlog.add(c.backlogLen(), cpu);
        }
    }
}
