package org.nodeprocessexporter.collector.node;

import java.util.Map;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sysfs.BtrfsStats;

/**
 * node_exporter's {@code btrfs}: per mounted btrfs file system, from {@code /sys/fs/btrfs/<uuid>}.
 * With btrfs loaded but nothing mounted it succeeds with no series, as upstream.
 *
 * <p>Not done: upstream's BTRFS_IOC_DEV_INFO / GET_DEV_STATS ioctls on each mount point, which
 * give {@code node_btrfs_device_unused_bytes}, {@code node_btrfs_device_errors_total} and the
 * {@code btrfs_dev_uuid} label; {@code node_btrfs_device_size_bytes} here is upstream's sysfs
 * fallback (labels uuid and device), which upstream itself uses when the ioctls fail.
 */
public final class BtrfsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("btrfs", true, BtrfsCollector::new);

    private final CollectorContext ctx;

    private BtrfsCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        for (BtrfsStats s : BtrfsStats.read(ctx.sysfs())) {
            String u = s.uuid();
            sink.gauge("node_btrfs_info", "Filesystem information", "uuid", "label").add(1, u, s.label());
            sink.gauge("node_btrfs_global_rsv_size_bytes", "Size of global reserve.", "uuid")
                    .add(s.globalRsvSize(), u);
            Map<String, Long> c = s.commits();
            sink.counter("node_btrfs_commits_total", "The total number of commits that have occurred.", "uuid")
                    .add(c.getOrDefault("commits", 0L), u);
            sink.gauge("node_btrfs_last_commit_seconds", "Duration of the most recent commit, in seconds.", "uuid")
                    .add(c.getOrDefault("last_commit_ms", 0L) / 1000.0, u);
            sink.gauge("node_btrfs_max_commit_seconds", "Duration of the slowest commit, in seconds.", "uuid")
                    .add(c.getOrDefault("max_commit_ms", 0L) / 1000.0, u);
            sink.counter("node_btrfs_commit_seconds_total", "Sum of the duration of all commits, in seconds.", "uuid")
                    .add(c.getOrDefault("total_commit_ms", 0L) / 1000.0, u);
            for (var a : s.allocation().entrySet()) {
                String type = a.getKey();
                sink.gauge("node_btrfs_reserved_bytes", "Amount of space reserved for a data type", "uuid",
                        "block_group_type").add(a.getValue().reservedBytes(), u, type);
                for (var l : a.getValue().layouts().entrySet()) {
                    String mode = l.getKey();
                    sink.gauge("node_btrfs_used_bytes", "Amount of used space by a layout/data type", "uuid",
                            "block_group_type", "mode").add(l.getValue().usedBytes(), u, type, mode);
                    sink.gauge("node_btrfs_size_bytes", "Amount of space allocated for a layout/data type", "uuid",
                            "block_group_type", "mode").add(l.getValue().totalBytes(), u, type, mode);
                    sink.gauge("node_btrfs_allocation_ratio", "Data allocation ratio for a layout/data type", "uuid",
                            "block_group_type", "mode").add(l.getValue().ratio(), u, type, mode);
                }
            }
            for (var d : s.deviceSizes().entrySet()) {
                sink.gauge("node_btrfs_device_size_bytes", "Size of a device that is part of the filesystem.", "uuid",
                        "device").add(d.getValue(), u, d.getKey());
            }
        }
    }
}
