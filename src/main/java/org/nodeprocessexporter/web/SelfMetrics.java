package org.nodeprocessexporter.web;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.FdTable;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.ProcLimits;
import org.nodeprocessexporter.procfs.ProcStat;
import org.nodeprocessexporter.procfs.ReadStatus;
import org.nodeprocessexporter.procfs.SystemConstants;

/**
 * The exporter's own {@code process_*} families, from {@code /proc/self} with the same readers the
 * collectors use, and the JVM's thread counts. They replace the Java client's ProcessMetrics and
 * JvmThreadsMetrics, which cost about 0.3 ms of a scrape's 12 between them (reflection that throws
 * three exceptions per scrape; a thread dump and a deadlock search for {@code jvm_threads_state}
 * and {@code jvm_threads_deadlocked}, which are left out). Same names, help and values as the
 * client's.
 */
final class SelfMetrics {
    private static final Path SELF = Path.of("/proc/self");
    /** What the Go and Java clients report for an unlimited descriptor limit: RLIM_INFINITY. */
    private static final double RLIM_INFINITY = 18446744073709551615.0;

    private final ProcFile file = new ProcFile(1024);
    private final FdTable fds = new FdTable();
    private final SystemConstants system = SystemConstants.read(Path.of("/proc"));
    private final double startSeconds = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    synchronized void addTo(MetricSink sink) {
        ProcStat stat = ProcStat.read(file, SELF);
        if (stat != null) {
            sink.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.")
                    .add((stat.utime() + stat.stime()) / (double) system.clockTicksPerSecond());
            sink.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.").add(stat.vsize());
            sink.gauge("process_resident_memory_bytes", "Resident memory size in bytes.")
                    .add(stat.rss() * (double) system.pageSizeBytes());
        }
        sink.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.")
                .add(startSeconds);
        if (fds.count(SELF.resolve("fd")) == ReadStatus.OK) {
            sink.gauge("process_open_fds", "Number of open file descriptors.").add(fds.openFds());
        }
        ProcLimits limits = ProcLimits.read(file, SELF);
        if (limits != null) {
            long soft = limits.openFilesSoft();
            sink.gauge("process_max_fds", "Maximum number of open file descriptors.")
                    .add(ProcLimits.isUnlimited(soft) ? RLIM_INFINITY : soft);
        }
        sink.gauge("jvm_threads_current", "Current thread count of a JVM").add(threads.getThreadCount());
        sink.gauge("jvm_threads_daemon", "Daemon thread count of a JVM").add(threads.getDaemonThreadCount());
        sink.gauge("jvm_threads_peak", "Peak thread count of a JVM").add(threads.getPeakThreadCount());
        sink.counter("jvm_threads_started_total", "Started thread count of a JVM")
                .add(threads.getTotalStartedThreadCount());
    }
}
