package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sys.Uname;

/** node_exporter's {@code uname}: the uname(2) fields as labels of one constant gauge. */
public final class UnameCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("uname", true, ctx -> new UnameCollector());

    @Override
    public void collect(MetricSink sink) throws Exception {
        Uname u = Uname.call();
        sink.gauge("node_uname_info", "Labeled system information as provided by the uname system call.",
                        "sysname", "release", "version", "machine", "nodename", "domainname")
                .add(1, u.sysname(), u.release(), u.version(), u.machine(), u.nodename(), u.domainname());
    }
}
