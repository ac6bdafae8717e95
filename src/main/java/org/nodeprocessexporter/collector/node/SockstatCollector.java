package org.nodeprocessexporter.collector.node;

import java.nio.file.NoSuchFileException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Sockstat;
import org.nodeprocessexporter.sys.LibC;

/** node_exporter's {@code sockstat}: socket counts from {@code /proc/net/sockstat} and {@code sockstat6}. */
public final class SockstatCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("sockstat", true, SockstatCollector::new);

    /** The fields upstream exports, in its order; other keys in the file are not exported. */
    private static final String[] FIELDS = {"inuse", "orphan", "tw", "alloc", "mem", "memory"};

    private final CollectorContext ctx;
    private final long pageSize;

    private SockstatCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.pageSize = LibC.getpagesize();
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        // Either file is missing when its IP version is disabled in the kernel.
        Sockstat v4 = readOrNull("sockstat");
        Sockstat v6 = readOrNull("sockstat6");
        if (v4 != null && v4.used() != null) {
            sink.gauge("node_sockstat_sockets_used", "Number of IPv4 sockets in use.", v4.used());
        }
        emit(sink, v4);
        emit(sink, v6);
    }

    private Sockstat readOrNull(String name) throws Exception {
        try {
            return Sockstat.read(ctx.proc("net", name));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void emit(MetricSink sink, Sockstat s) {
        if (s == null) {
            return;
        }
        for (Sockstat.Protocol p : s.protocols()) {
            for (String field : FIELDS) {
                Double v = p.fields().get(field);
                if (v != null) {
                    gauge(sink, p.name(), field, v);
                }
            }
            Double mem = p.fields().get("mem");
            if (mem != null) {
                gauge(sink, p.name(), "mem_bytes", mem * pageSize);
            }
        }
    }

    private static void gauge(MetricSink sink, String protocol, String field, double value) {
        sink.gauge("node_sockstat_" + protocol + "_" + field,
                "Number of " + protocol + " sockets in state " + field + ".", value);
    }
}
