package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.MountInfo;
import org.nodeprocessexporter.sys.BtrfsDevices;
import org.nodeprocessexporter.sysfs.BtrfsStats;

/**
 * node_exporter's {@code btrfs}: per mounted btrfs file system, from {@code /sys/fs/btrfs/<uuid>},
 * and per device from the BTRFS_IOC_FS_INFO / DEV_INFO / GET_DEV_STATS ioctls on a mount point of
 * it (found in {@code /proc/1/mountinfo}, one mount per source device, under {@code --path.rootfs}):
 * {@code node_btrfs_device_size_bytes}, {@code _unused_bytes} and {@code _errors_total} labelled
 * with {@code device} and {@code btrfs_dev_uuid}. Where the ioctls fail (the mount point cannot be
 * opened, an old kernel), the file system gets upstream's fallback: {@code device_size_bytes} from
 * sysfs, without {@code btrfs_dev_uuid}. With btrfs loaded but nothing mounted it succeeds with no
 * series, as upstream.
 *
 * <p>Two edges differ from upstream: when some file systems answer the ioctls and others do not,
 * the fallback series get {@code btrfs_dev_uuid=""} so that the family keeps one label set (upstream
 * would emit two label sets for one family, which its registry rejects); and the mount point is
 * opened without O_NOATIME, which upstream's library asks for and which fails with EPERM for anyone
 * but the directory's owner, so the ioctls also work unprivileged.
 */
public final class BtrfsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("btrfs", true,
            ctx -> new BtrfsCollector(ctx, BtrfsDevices::query));

    private static final String[] ERROR_TYPES = {"write", "read", "flush", "corruption", "generation"};

    /** The ioctl side, replaceable in tests. */
    @FunctionalInterface
    interface DeviceQuery {
        BtrfsDevices.Filesystem query(String mountPoint) throws Exception;
    }

    private final CollectorContext ctx;
    private final DeviceQuery devices;

    BtrfsCollector(CollectorContext ctx, DeviceQuery devices) {
        this.ctx = ctx;
        this.devices = devices;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<BtrfsStats> all = BtrfsStats.read(ctx.sysfs());
        Map<String, BtrfsDevices.Filesystem> ioctl = all.isEmpty() ? Map.of() : ioctlStats();
        for (BtrfsStats s : all) {
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
            BtrfsDevices.Filesystem fs = ioctl.get(u.replace("-", ""));
            if (fs == null) {
                fallbackDevices(sink, s, !ioctl.isEmpty());
            } else {
                ioctlDevices(sink, u, fs);
            }
        }
    }

    private static void fallbackDevices(MetricSink sink, BtrfsStats s, boolean withDevUuid) {
        for (var d : s.deviceSizes().entrySet()) {
            if (withDevUuid) {
                sizeFamily(sink, true).add(d.getValue(), s.uuid(), d.getKey(), "");
            } else {
                sizeFamily(sink, false).add(d.getValue(), s.uuid(), d.getKey());
            }
        }
    }

    private static void ioctlDevices(MetricSink sink, String uuid, BtrfsDevices.Filesystem fs) {
        MetricFamily size = sizeFamily(sink, true);
        MetricFamily unused = sink.gauge("node_btrfs_device_unused_bytes",
                "Unused bytes unused on a device that is part of the filesystem.", "uuid", "device", "btrfs_dev_uuid");
        MetricFamily errors = sink.counter("node_btrfs_device_errors_total", "Errors reported for the device",
                "uuid", "type", "device", "btrfs_dev_uuid");
        for (BtrfsDevices.Device d : fs.devices()) {
            String path = d.info().path();
            String device = path.substring(path.lastIndexOf('/') + 1);
            String devUuid = d.info().uuid();
            long total = d.info().totalBytes();
            size.add(unsigned(total), uuid, device, devUuid);
            unused.add(unsigned(total - d.info().bytesUsed()), uuid, device, devUuid);
            for (int i = 0; i < ERROR_TYPES.length; i++) {
                errors.add(unsigned(d.errors()[i]), uuid, ERROR_TYPES[i], device, devUuid);
            }
        }
    }

    private static MetricFamily sizeFamily(MetricSink sink, boolean withDevUuid) {
        String help = "Size of a device that is part of the filesystem.";
        return withDevUuid
                ? sink.gauge("node_btrfs_device_size_bytes", help, "uuid", "device", "btrfs_dev_uuid")
                : sink.gauge("node_btrfs_device_size_bytes", help, "uuid", "device");
    }

    /** Upstream's getIoctlStats: the answer of the first mount point of each file system that answers, by fsid. */
    private Map<String, BtrfsDevices.Filesystem> ioctlStats() {
        List<MountInfo> mounts;
        try {
            mounts = MountInfo.readHost(ctx.procfs());
        } catch (IOException e) {
            Log.debug("Error querying btrfs device stats with ioctl", "err", e.getMessage());
            return Map.of();
        }
        Set<String> sourcesDone = new HashSet<>();
        Map<String, BtrfsDevices.Filesystem> out = new HashMap<>();
        for (MountInfo m : mounts) {
            if (!m.fsType().equals("btrfs") || sourcesDone.contains(m.source())) {
                continue;
            }
            String mountPath = ctx.root(m.mountPoint()).toString();
            BtrfsDevices.Filesystem fs;
            try {
                fs = devices.query(mountPath);
            } catch (Exception | LinkageError e) { // LinkageError: JNA cannot load here
                Log.debug("Error inspecting btrfs mountpoint", "mountPoint", mountPath, "err", e.getMessage());
                continue;
            }
            if (out.putIfAbsent(fs.fsid(), fs) == null) {
                sourcesDone.add(m.source());
            }
        }
        return out;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
