package org.nodeprocessexporter.collector.node;

import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.Bcachefs;

/** node_exporter's {@code bcachefs} (new in 1.12): per-filesystem and per-member-device statistics. */
public final class BcachefsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("bcachefs", true, BcachefsCollector::new);

    private static final String P = "node_bcachefs_";

    private final CollectorContext ctx;

    private BcachefsCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    /** The kernel's values are unsigned 64-bit, as upstream reads them. */
    private static double u(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.sys("fs", "bcachefs"));
        List<Bcachefs> all;
        try {
            all = Bcachefs.read(ctx.sysfs());
        } catch (NoSuchFileException e) {
            throw new NoDataException("no " + e.getFile());
        }
        if (all.isEmpty()) {
            throw new NoDataException("no bcachefs filesystem");
        }
        emit(sink, all);
    }

    /** The families, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink, List<Bcachefs> all) throws Exception {
        for (Bcachefs s : all) {
            String uuid = s.uuid();
            sink.gauge(P + "info", "Filesystem information.", "uuid").add(1, uuid);
            sink.gauge(P + "btree_cache_size_bytes", "Btree cache memory usage in bytes.", "uuid")
                    .add(u(s.btreeCacheSize()), uuid);
            for (Map.Entry<String, long[]> c : s.compression().entrySet()) {
                sink.gauge(P + "compression_compressed_bytes", "Compressed size by algorithm.", "uuid", "algorithm")
                        .add(u(c.getValue()[0]), uuid, c.getKey());
                sink.gauge(P + "compression_uncompressed_bytes", "Uncompressed size by algorithm.",
                        "uuid", "algorithm").add(u(c.getValue()[1]), uuid, c.getKey());
            }
            for (Map.Entry<String, Long> e : s.errors().entrySet()) {
                sink.counter(P + "errors_total", "Error count by error type.", "uuid", "error_type")
                        .add(u(e.getValue()), uuid, e.getKey());
            }
            for (Map.Entry<String, Long> c : s.counters().entrySet()) {
                String name = P + MetricNames.sanitize(c.getKey()) + "_total";
                sink.counter(name, "Bcachefs counter " + c.getKey() + " since filesystem creation.", "uuid")
                        .add(u(c.getValue()), uuid);
            }
            for (Map.Entry<String, long[]> w : s.btreeWrites().entrySet()) {
                sink.counter(P + "btree_writes_total", "Number of btree writes by type.", "uuid", "type")
                        .add(u(w.getValue()[0]), uuid, w.getKey());
                sink.gauge(P + "btree_write_average_size_bytes", "Average btree write size by type.", "uuid", "type")
                        .add(u(w.getValue()[1]), uuid, w.getKey());
            }
            for (Map.Entry<String, Bcachefs.Device> e : s.devices().entrySet()) {
                String dev = e.getKey();
                Bcachefs.Device d = e.getValue();
                sink.gauge(P + "device_info", "Device information.", "uuid", "device", "label", "state")
                        .add(1, uuid, dev, d.label(), d.state());
                sink.gauge(P + "device_bucket_size_bytes", "Bucket size in bytes.", "uuid", "device")
                        .add(u(d.bucketSize()), uuid, dev);
                sink.gauge(P + "device_buckets", "Total number of buckets.", "uuid", "device")
                        .add(u(d.buckets()), uuid, dev);
                sink.gauge(P + "device_durability", "Device durability setting.", "uuid", "device")
                        .add(u(d.durability()), uuid, dev);
                for (Map.Entry<String, Map<String, Long>> op : d.ioDone().entrySet()) {
                    for (Map.Entry<String, Long> t : op.getValue().entrySet()) {
                        sink.counter(P + "device_io_done_bytes_total", "IO bytes by operation type and data type.",
                                "uuid", "device", "operation", "data_type")
                                .add(u(t.getValue()), uuid, dev, op.getKey(), t.getKey());
                    }
                }
                for (Map.Entry<String, Long> t : d.ioErrors().entrySet()) {
                    sink.counter(P + "device_io_errors_total", "IO errors by error type.", "uuid", "device", "type")
                            .add(u(t.getValue()), uuid, dev, t.getKey());
                }
            }
        }
    }
}
