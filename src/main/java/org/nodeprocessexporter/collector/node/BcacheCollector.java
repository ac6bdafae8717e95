package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.Bcache;

/** node_exporter's {@code bcache}: cache set, backing device and cache device statistics. */
public final class BcacheCollector implements Collector {
    static final String PRIORITY_STATS = "collector.bcache.priorityStats";

    public static final CollectorSpec SPEC = CollectorSpec.of("bcache", true, BcacheCollector::new,
            Flag.bool(PRIORITY_STATS, false, "Expose expensive priority stats."));

    /** Set file, metric suffix, help, whether a counter, scale. */
    private static final Object[][] SET = {
        {"average_key_size", "average_key_size_sectors", "Average data per key in the btree (sectors).", false, 1.0},
        {"btree_cache_size", "btree_cache_size_bytes", "Amount of memory currently used by the btree cache.", false, 1.0},
        {"cache_available_percent", "cache_available_percent",
            "Percentage of cache device without dirty data, usable for writeback (may contain clean cached data).",
            false, 1.0},
        {"congested", "congested", "Congestion.", false, 1.0},
        {"root_usage_percent", "root_usage_percent",
            "Percentage of the root btree node in use (tree depth increases if too high).", false, 1.0},
        {"tree_depth", "tree_depth", "Depth of the btree.", false, 1.0},
        {"internal/active_journal_entries", "active_journal_entries",
            "Number of journal entries that are newer than the index.", false, 1.0},
        {"internal/btree_nodes", "btree_nodes", "Total nodes in the btree.", false, 1.0},
        {"internal/btree_read_average_duration_us", "btree_read_average_duration_seconds",
            "Average btree read duration.", false, 1e-9},
        {"internal/cache_read_races", "cache_read_races_total", "Counts instances where while data was being read "
            + "from the cache, the bucket was reused and invalidated - i.e. where the pointer was stale after the "
            + "read completed.", true, 1.0},
    };

    private static final String[][] PERIOD = {
        {"bypassed", "bypassed_bytes_total", "Amount of IO (both reads and writes) that has bypassed the cache."},
        {"cache_hits", "cache_hits_total", "Hits counted per individual IO as bcache sees them."},
        {"cache_misses", "cache_misses_total", "Misses counted per individual IO as bcache sees them."},
        {"cache_bypass_hits", "cache_bypass_hits_total", "Hits for IO intended to skip the cache."},
        {"cache_bypass_misses", "cache_bypass_misses_total", "Misses for IO intended to skip the cache."},
        {"cache_miss_collisions", "cache_miss_collisions_total",
            "Instances where data insertion from cache miss raced with write (data already present)."},
        {"cache_readaheads", "cache_readaheads_total", "Count of times readahead occurred."},
    };

    private final CollectorContext ctx;
    private final boolean priorityStats;

    private BcacheCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.priorityStats = ctx.flags().bool(PRIORITY_STATS);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (Bcache s : Bcache.read(ctx.sysfs(), priorityStats)) {
            emit(sink, s);
        }
    }

    /** The families of one cache set, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink, Bcache s) {
        String uuid = s.uuid();
        for (Object[] m : SET) {
            String name = "node_bcache_" + m[1];
            MetricFamily f = (Boolean) m[3] ? sink.counter(name, (String) m[2], "uuid")
                    : sink.gauge(name, (String) m[2], "uuid");
            // btree_read_average_duration_us is scaled like upstream, which takes it for nanoseconds.
            f.add(s.set().get((String) m[0]) * (Double) m[4], uuid);
        }
        for (Bcache.Bdev b : s.bdevs()) {
            bdev(sink, "dirty_data_bytes", "Amount of dirty data for this backing device in the cache.")
                    .add(b.dirtyData(), uuid, b.name());
            bdev(sink, "dirty_target_bytes", "Current dirty data target threshold for this backing device in "
                    + "bytes.").add(b.target(), uuid, b.name());
            bdev(sink, "writeback_rate", "Current writeback rate for this backing device in bytes.")
                    .add(b.rate(), uuid, b.name());
            bdev(sink, "writeback_rate_proportional_term",
                    "Current result of proportional controller, part of writeback rate")
                    .add(b.proportional(), uuid, b.name());
            bdev(sink, "writeback_rate_integral_term", "Current result of integral controller, part of "
                    + "writeback rate").add(b.integral(), uuid, b.name());
            bdev(sink, "writeback_change", "Last writeback rate change step for this backing device.")
                    .add(b.change(), uuid, b.name());
            for (String[] p : PERIOD) {
                sink.counter("node_bcache_" + p[1], p[2], "uuid", "backing_device")
                        .add(b.total().get(p[0]), uuid, b.name());
            }
        }
        for (Bcache.Cache c : s.caches()) {
            cache(sink, "io_errors", "Number of errors that have occurred, decayed by io_error_halflife.", false)
                    .add(c.ioErrors(), uuid, c.name());
            cache(sink, "metadata_written_bytes_total",
                    "Sum of all non data writes (btree writes and all other metadata).", true)
                    .add(c.metadataWritten(), uuid, c.name());
            cache(sink, "written_bytes_total", "Sum of all data that has been written to the cache.", true)
                    .add(c.written(), uuid, c.name());
            if (priorityStats) {
                cache(sink, "priority_stats_unused_percent",
                        "The percentage of the cache that doesn't contain any data.", false)
                        .add(c.unusedPercent() == null ? 0 : c.unusedPercent(), uuid, c.name());
                cache(sink, "priority_stats_metadata_percent", "Bcache's metadata overhead.", false)
                        .add(c.metadataPercent() == null ? 0 : c.metadataPercent(), uuid, c.name());
            }
        }
    }

    private static MetricFamily bdev(MetricSink sink, String name, String help) {
        return sink.gauge("node_bcache_" + name, help, "uuid", "backing_device");
    }

    private static MetricFamily cache(MetricSink sink, String name, String help, boolean counter) {
        return counter ? sink.counter("node_bcache_" + name, help, "uuid", "cache_device")
                : sink.gauge("node_bcache_" + name, help, "uuid", "cache_device");
    }
}
