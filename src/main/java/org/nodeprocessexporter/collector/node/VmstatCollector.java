package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Vmstat;

/** node_exporter's {@code vmstat}: the {@code /proc/vmstat} fields selected by a regexp, untyped. */
public final class VmstatCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("vmstat", true, VmstatCollector::new,
            Flag.regexp("collector.vmstat.fields", "^(oom_kill|pgpg|pswp|pg.*fault).*",
                    "Regexp of fields to return for vmstat collector."));

    private final CollectorContext ctx;
    private final FieldFilter fields;

    private VmstatCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.fields = new FieldFilter(ctx.flags().regexp("collector.vmstat.fields"));
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (Map.Entry<String, Double> e : Vmstat.read(ctx.procfs()).entrySet()) {
            // Go's MatchString is unanchored: find, not matches.
            String[] metric = fields.metric(e.getKey(), key -> new String[] {"node_vmstat_" + key,
                    "/proc/vmstat information field " + key + "."});
            if (metric != null) {
                sink.untyped(metric[0], metric[1]).add(e.getValue());
            }
        }
    }
}
