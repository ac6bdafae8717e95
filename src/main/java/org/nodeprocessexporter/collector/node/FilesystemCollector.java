package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.MountInfo;
import org.nodeprocessexporter.sys.StatFs;

/**
 * node_exporter's {@code filesystem}: size, free space and inodes of every mounted file system, by
 * statfs(2) on the mounts of {@code /proc/1/mountinfo}.
 *
 * <p>statfs on a dead NFS server blocks in the kernel and cannot be interrupted. So each call runs
 * on a worker thread and is awaited at most {@code --collector.filesystem.mount-timeout}; a mount
 * whose call outlives that is reported with {@code device_error="mountpoint timeout"} and is not
 * statted again until the stuck call returns (node_exporter's "stuck mounts"). Unlike
 * node_exporter, the scrape that meets the hang does not wait for it either.
 */
public final class FilesystemCollector implements Collector {
    static final String MOUNT_POINTS_EXCLUDE = "collector.filesystem.mount-points-exclude";
    static final String MOUNT_POINTS_INCLUDE = "collector.filesystem.mount-points-include";
    static final String FS_TYPES_EXCLUDE = "collector.filesystem.fs-types-exclude";
    static final String FS_TYPES_INCLUDE = "collector.filesystem.fs-types-include";
    static final String MOUNT_TIMEOUT = "collector.filesystem.mount-timeout";
    static final String STAT_WORKERS = "collector.filesystem.stat-workers";

    private static final String DEFAULT_MOUNT_POINTS_EXCLUDED =
            "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";
    private static final String DEFAULT_FS_TYPES_EXCLUDED = "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs"
            + "|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs"
            + "|securityfs|selinuxfs|squashfs|erofs|sysfs|tracefs)$";
    static final String TIMEOUT_ERROR = "mountpoint timeout";

    private static final Flag[] FLAGS = {
        Flag.regexp(MOUNT_POINTS_EXCLUDE, DEFAULT_MOUNT_POINTS_EXCLUDED,
                "Regexp of mount points to exclude for filesystem collector. (mutually exclusive to mount-points-include)")
                .withAliases("collector.filesystem.ignored-mount-points"),
        Flag.regexp(MOUNT_POINTS_INCLUDE, "",
                "Regexp of mount points to include for filesystem collector. (mutually exclusive to mount-points-exclude)"),
        Flag.regexp(FS_TYPES_EXCLUDE, DEFAULT_FS_TYPES_EXCLUDED,
                "Regexp of filesystem types to exclude for filesystem collector. (mutually exclusive to fs-types-include)")
                .withAliases("collector.filesystem.ignored-fs-types"),
        Flag.regexp(FS_TYPES_INCLUDE, "",
                "Regexp of filesystem types to include for filesystem collector. (mutually exclusive to fs-types-exclude)"),
        Flag.duration(MOUNT_TIMEOUT, "5s", "how long to wait for a mount to respond before marking it as stale"),
        Flag.integer(STAT_WORKERS, 4, "how many stat calls to process simultaneously"),
    };

    public static final CollectorSpec SPEC = withStat(StatFs::call);

    /** The statfs(2) call, replaceable so tests can simulate hung or failing mounts. */
    @FunctionalInterface
    interface StatCall {
        StatFs stat(String path) throws IOException;
    }

    static CollectorSpec withStat(StatCall stat) {
        return CollectorSpec.of("filesystem", true, ctx -> new FilesystemCollector(ctx, stat), FLAGS);
    }

    private final CollectorContext ctx;
    private final StatCall stat;
    private final DeviceFilter mountPoints;
    private final DeviceFilter fsTypes;
    private final long timeoutNanos;
    private final int workers;
    private final ExecutorService pool;
    /** Mount points whose statfs call timed out and has not returned yet; guarded by itself. */
    private final Set<String> stuck = new HashSet<>();

    private FilesystemCollector(CollectorContext ctx, StatCall stat) throws UsageException {
        this.ctx = ctx;
        this.stat = stat;
        this.mountPoints = DeviceFilter.fromFlags(ctx, MOUNT_POINTS_EXCLUDE, MOUNT_POINTS_INCLUDE);
        this.fsTypes = DeviceFilter.fromFlags(ctx, FS_TYPES_EXCLUDE, FS_TYPES_INCLUDE);
        Duration timeout = ctx.flags().duration(MOUNT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UsageException("--" + MOUNT_TIMEOUT + " must be positive, got " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.workers = Math.max(1, ctx.flags().integer(STAT_WORKERS));
        AtomicInteger n = new AtomicInteger();
        // Unbounded on purpose: a thread stuck in statfs is replaced, and at most one call per mount
        // point can be stuck because a stuck mount point is not statted again.
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "filesystem-statfs-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private record Result(MountInfo mount, String mountPoint, StatFs stat, String error, boolean readOnly) {
    }

    private static final class Call {
        final MountInfo mount;
        final String mountPoint;
        final long startNanos = System.nanoTime();
        final CompletableFuture<Result> result = new CompletableFuture<>();
        boolean returned;

        Call(MountInfo mount, String mountPoint) {
            this.mount = mount;
            this.mountPoint = mountPoint;
        }
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        List<Result> results = new ArrayList<>();
        ArrayDeque<Call> inFlight = new ArrayDeque<>();
        for (MountInfo mount : MountInfo.readHost(ctx.procfs())) {
            String mountPoint = stripRootfs(mount.mountPoint());
            if (mountPoints.ignored(mountPoint)) {
                Log.debug("Ignoring mount point", "mountpoint", mountPoint);
                continue;
            }
            if (fsTypes.ignored(mount.fsType())) {
                Log.debug("Ignoring fs type", "type", mount.fsType());
                continue;
            }
            boolean isStuck;
            synchronized (stuck) {
                isStuck = stuck.contains(mountPoint);
            }
            if (isStuck) {
                Log.debug("Mount point is in an unresponsive state", "mountpoint", mountPoint);
                results.add(new Result(mount, mountPoint, null, TIMEOUT_ERROR, false));
                continue;
            }
            while (inFlight.size() >= workers) {
                results.add(await(inFlight.poll()));
            }
            inFlight.add(start(mount, mountPoint));
        }
        while (!inFlight.isEmpty()) {
            results.add(await(inFlight.poll()));
        }
        emit(sink, results);
    }

    private Call start(MountInfo mount, String mountPoint) {
        Call call = new Call(mount, mountPoint);
        String path = ctx.root(mountPoint).toString();
        pool.execute(() -> {
            StatFs s = null;
            String error = null;
            try {
                s = stat.stat(path);
            } catch (IOException | RuntimeException | LinkageError e) { // LinkageError: JNA cannot load
                error = e.getMessage() != null ? e.getMessage() : e.toString();
                Log.debug("Error on statfs() system call", "rootfs", path, "err", error);
            }
            synchronized (stuck) {
                call.returned = true;
                if (stuck.remove(mountPoint)) {
                    Log.debug("Mount point has recovered, monitoring will resume", "mountpoint", mountPoint);
                }
            }
            call.result.complete(new Result(mount, mountPoint, s, error, mount.readOnly()));
        });
        return call;
    }

    private Result await(Call call) throws InterruptedException {
        long remaining = call.startNanos + timeoutNanos - System.nanoTime();
        try {
            return call.result.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            synchronized (stuck) {
                if (!call.returned) {
                    Log.debug("Mount point timed out, it is being labeled as stuck and will not be monitored",
                            "mountpoint", call.mountPoint);
                    stuck.add(call.mountPoint);
                    return new Result(call.mount, call.mountPoint, null, TIMEOUT_ERROR, false);
                }
            }
            return call.result.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void emit(MetricSink sink, List<Result> results) {
        String[] labels = {"device", "mountpoint", "fstype", "device_error"};
        MetricFamily deviceError = sink.gauge("node_filesystem_device_error",
                "Whether an error occurred while getting statistics for the given device.", labels);
        MetricFamily readOnly = sink.gauge("node_filesystem_readonly", "Filesystem read-only status.", labels);
        MetricFamily size = sink.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.", labels);
        MetricFamily free = sink.gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.", labels);
        MetricFamily avail = sink.gauge("node_filesystem_avail_bytes",
                "Filesystem space available to non-root users in bytes.", labels);
        MetricFamily files = sink.gauge("node_filesystem_files", "Filesystem total file nodes.", labels);
        MetricFamily filesFree = sink.gauge("node_filesystem_files_free", "Filesystem total free file nodes.", labels);
        MetricFamily mountInfo = sink.gauge("node_filesystem_mount_info", "Filesystem mount information.",
                "device", "major", "minor", "mountpoint");
        for (Result r : results) {
            MountInfo m = r.mount();
            String err = r.error() == null ? "" : r.error();
            String[] v = {m.source(), r.mountPoint(), m.fsType(), err};
            deviceError.add(r.stat() == null ? 1 : 0, v);
            readOnly.add(r.readOnly() ? 1 : 0, v);
            if (r.stat() == null) {
                continue;
            }
            StatFs s = r.stat();
            double bsize = StatFs.unsigned(s.blockSize());
            size.add(StatFs.unsigned(s.blocks()) * bsize, v);
            free.add(StatFs.unsigned(s.blocksFree()) * bsize, v);
            avail.add(StatFs.unsigned(s.blocksAvail()) * bsize, v);
            files.add(StatFs.unsigned(s.files()), v);
            filesFree.add(StatFs.unsigned(s.filesFree()), v);
            mountInfo.add(1, m.source(), Integer.toString(m.major()), Integer.toString(m.minor()), r.mountPoint());
        }
    }

    /** A mount point as seen from the host when we run with {@code --path.rootfs=/host}. */
    private String stripRootfs(String mountPoint) {
        String root = ctx.rootfs().toString();
        if (root.equals("/") || root.isEmpty()) {
            return mountPoint;
        }
        if (mountPoint.equals(root)) {
            return "/";
        }
        if (mountPoint.startsWith(root + "/")) {
            return mountPoint.substring(root.length());
        }
        return mountPoint;
    }
}
