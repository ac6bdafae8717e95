package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.MountInfo;
import org.nodeprocessexporter.procfs.MountStats;
import org.nodeprocessexporter.procfs.MountStats.NfsMount;
import org.nodeprocessexporter.procfs.MountStats.Operation;
import org.nodeprocessexporter.procfs.MountStats.Transport;
import org.nodeprocessexporter.procfs.ProcFile;

/**
 * node_exporter's {@code mountstats}: NFS client statistics per mount from
 * {@code <procfs>/self/mountstats}, the exporter's own mount namespace, with the server address
 * ({@code mountaddr}) from the {@code addr=} super option of the same mount's line in
 * {@code <procfs>/self/mountinfo} (the kernel lists mounts in the same order in both).
 *
 * <p>As upstream 1.12: one set of series per export, protocol and server address (an export
 * mounted twice is reported once, from its first mount, and {@code mountpoint_info} names each of
 * its mount points); the transport series carry the transport's position ({@code transport="0"},
 * {@code "1"}... with {@code nconnect}); an NFS mount without an {@code xprt:} line reports
 * nothing; millisecond times, error counts and the idle time are taken modulo 2^53 before the
 * conversion, as upstream. A file that does not parse fails the collector (see
 * {@link MountStats}), as does a {@code mountinfo} that does not.
 *
 * <p>Differences: a missing {@code mountstats} is "no data" (upstream: an error), {@code mountinfo}
 * is read only when there are NFS mounts, and {@code self} is read as a path, where upstream
 * resolves the link once at start-up (the same file on a live {@code /proc}; a fixture tree may
 * have a plain {@code self} directory).
 */
public final class MountstatsCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("mountstats", false, MountstatsCollector::new);

    private static final String P = "node_mountstats_nfs_";
    /** 2^53: upstream's float64Mantissa, the modulus of the times, errors and idle time. */
    private static final long MANTISSA = 1L << 53;

    private final Path mountstats;
    private final Path mountinfo;
    private final ProcFile buffer = new ProcFile(8192);

    private MountstatsCollector(CollectorContext ctx) {
        this.mountstats = ctx.proc("self", "mountstats");
        this.mountinfo = ctx.proc("self", "mountinfo");
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        MountStats stats;
        try {
            stats = MountStats.read(mountstats, buffer);
        } catch (NoSuchFileException e) {
            throw new NoDataException("no " + mountstats);
        } catch (IOException e) {
            throw new IOException("failed to parse mountstats: " + e.getMessage(), e);
        }
        if (!stats.nfsMounts().isEmpty()) {
            emit(sink, stats.nfsMounts());
        }
    }

    /** The families, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink, List<NfsMount> mounts) throws IOException {
        List<MountInfo> infos;
        try {
            infos = MountInfo.parse(ProcFile.readString(mountinfo));
        } catch (IOException e) {
            throw new IOException("failed to parse mountinfo: " + e.getMessage(), e);
        }
        Set<List<String>> devices = new HashSet<>();
        Set<List<String>> mountPoints = new HashSet<>();
        Families f = new Families(sink);
        for (NfsMount m : mounts) {
            String address = m.index() < infos.size() ? superOption(infos.get(m.index()).superOptions(), "addr") : "";
            for (Transport t : m.transports()) {
                if (mountPoints.add(List.of(m.device(), t.protocol(), address, m.mountPoint()))) {
                    f.mountpointInfo.add(1, m.device(), t.protocol(), address, m.mountPoint());
                } else {
                    Log.debug("Skipping duplicate mountpoint info entry", "device", m.device(), "mountpoint",
                            m.mountPoint());
                }
                if (!devices.add(List.of(m.device(), t.protocol(), address))) {
                    Log.debug("Skipping duplicate device entry", "device", m.device(), "protocol", t.protocol(),
                            "mountaddr", address);
                    break;
                }
                f.mount(m, t.protocol(), address);
            }
        }
    }

    /** The value of {@code key} in a comma-separated option list, "" when absent, as procfs's option map has it. */
    static String superOption(String options, String key) {
        String value = "";
        for (String option : options.split(",", -1)) {
            String[] kv = option.split("=", -1);
            if (kv[0].equals(key)) {
                value = kv.length < 2 ? "" : kv[1]; // the last one wins, a second '=' ends the value
            }
        }
        return value;
    }

    /** One scrape's families; its tables are built when the collector first emits, not with the SPEC. */
    private static final class Families {
        /** One family fed from a parsed line: its name (after {@link #P}), help, type and value. */
        private record Series<T>(String name, String help, boolean gauge, ToDoubleFunction<T> value) {
            static <T> Series<T> counter(String name, String help, ToDoubleFunction<T> value) {
                return new Series<>(name, help, false, value);
            }
        }

        /**
         * Per export: the age, then the {@code bytes:} and {@code events:} counters by their index
         * (the 19th event, congestion waits, is not exported); help texts upstream's, slips included.
         */
        private static final List<Series<NfsMount>> MOUNT = List.of(
                Series.counter("age_seconds_total", "The age of the NFS mount in seconds.", m -> m.ageSeconds()),
                bytes(MountStats.BYTES_READ, "read_bytes_total", "Number of bytes read using the read() syscall."),
                bytes(MountStats.BYTES_WRITE, "write_bytes_total", "Number of bytes written using the write() syscall."),
                bytes(MountStats.BYTES_DIRECT_READ, "direct_read_bytes_total",
                        "Number of bytes read using the read() syscall in O_DIRECT mode."),
                bytes(MountStats.BYTES_DIRECT_WRITE, "direct_write_bytes_total",
                        "Number of bytes written using the write() syscall in O_DIRECT mode."),
                bytes(MountStats.BYTES_SERVER_READ, "total_read_bytes_total",
                        "Number of bytes read from the NFS server, in total."),
                bytes(MountStats.BYTES_SERVER_WRITE, "total_write_bytes_total",
                        "Number of bytes written to the NFS server, in total."),
                bytes(MountStats.BYTES_READ_PAGES, "read_pages_total", "Number of pages read directly via mmap()'d files."),
                bytes(MountStats.BYTES_WRITE_PAGES, "write_pages_total",
                        "Number of pages written directly via mmap()'d files."),
                event(0, "event_inode_revalidate_total",
                        "Number of times cached inode attributes are re-validated from the server."),
                event(1, "event_dnode_revalidate_total",
                        "Number of times cached dentry nodes are re-validated from the server."),
                event(2, "event_data_invalidate_total", "Number of times an inode cache is cleared."),
                event(3, "event_attribute_invalidate_total", "Number of times cached inode attributes are invalidated."),
                event(4, "event_vfs_open_total", "Number of times cached inode attributes are invalidated."),
                event(5, "event_vfs_lookup_total", "Number of times a directory lookup has occurred."),
                event(6, "event_vfs_access_total", "Number of times permissions have been checked."),
                event(7, "event_vfs_update_page_total", "Number of updates (and potential writes) to pages."),
                event(8, "event_vfs_read_page_total", "Number of pages read directly via mmap()'d files."),
                event(9, "event_vfs_read_pages_total", "Number of times a group of pages have been read."),
                event(10, "event_vfs_write_page_total", "Number of pages written directly via mmap()'d files."),
                event(11, "event_vfs_write_pages_total", "Number of times a group of pages have been written."),
                event(12, "event_vfs_getdents_total", "Number of times directory entries have been read with getdents()."),
                event(13, "event_vfs_setattr_total", "Number of times directory entries have been read with getdents()."),
                event(14, "event_vfs_flush_total",
                        "Number of pending writes that have been forcefully flushed to the server."),
                event(15, "event_vfs_fsync_total", "Number of times fsync() has been called on directories and files."),
                event(16, "event_vfs_lock_total", "Number of times locking has been attempted on a file."),
                event(17, "event_vfs_file_release_total", "Number of times files have been closed and released."),
                event(19, "event_truncation_total", "Number of times files have been truncated."),
                event(20, "event_write_extension_total",
                        "Number of times a file has been grown due to writes beyond its existing end."),
                event(21, "event_silly_rename_total",
                        "Number of times a file was removed while still open by another process."),
                event(22, "event_short_read_total",
                        "Number of times the NFS server gave less data than expected while reading."),
                event(23, "event_short_write_total",
                        "Number of times the NFS server wrote less data than expected while writing."),
                event(24, "event_jukebox_delay_total",
                        "Number of times the NFS server indicated EJUKEBOX; retrieving data from offline storage."),
                event(25, "event_pnfs_read_total", "Number of NFS v4.1+ pNFS reads."),
                event(26, "event_pnfs_write_total", "Number of NFS v4.1+ pNFS writes."));

        /** Per transport ({@code xprt:} line). */
        private static final List<Series<Transport>> TRANSPORT = List.of(
                Series.counter("transport_bind_total",
                        "Number of times the client has had to establish a connection from scratch to the NFS server.",
                        t -> unsigned(t.bind())),
                Series.counter("transport_connect_total",
                        "Number of times the client has made a TCP connection to the NFS server.",
                        t -> unsigned(t.connect())),
                new Series<>("transport_idle_time_seconds",
                        "Duration since the NFS mount last saw any RPC traffic, in seconds.", true,
                        t -> modMantissa(t.idleTimeSeconds())),
                Series.counter("transport_sends_total", "Number of RPC requests for this mount sent to the NFS server.",
                        t -> unsigned(t.sends())),
                Series.counter("transport_receives_total",
                        "Number of RPC responses for this mount received from the NFS server.",
                        t -> unsigned(t.receives())),
                Series.counter("transport_bad_transaction_ids_total",
                        "Number of times the NFS server sent a response with a transaction ID unknown to this client.",
                        t -> unsigned(t.badTransactionIds())),
                Series.counter("transport_backlog_queue_total", "Total number of items added to the RPC backlog queue.",
                        t -> unsigned(t.backlog())),
                new Series<>("transport_maximum_rpc_slots",
                        "Maximum number of simultaneously active RPC requests ever used.", true,
                        t -> unsigned(t.maxSlotsUsed())),
                Series.counter("transport_sending_queue_total",
                        "Total number of items added to the RPC transmission sending queue.",
                        t -> unsigned(t.sendingQueue())),
                Series.counter("transport_pending_queue_total",
                        "Total number of items added to the RPC transmission pending queue.",
                        t -> unsigned(t.pendingQueue())));

        /** Per RPC procedure (per-op line). */
        private static final List<Series<Operation>> OPERATION = List.of(
                Series.counter("operations_requests_total", "Number of requests performed for a given operation.",
                        op -> unsigned(op.requests())),
                Series.counter("operations_transmissions_total",
                        "Number of times an actual RPC request has been transmitted for a given operation.",
                        op -> unsigned(op.transmissions())),
                Series.counter("operations_major_timeouts_total",
                        "Number of times a request has had a major timeout for a given operation.",
                        op -> unsigned(op.majorTimeouts())),
                Series.counter("operations_sent_bytes_total",
                        "Number of bytes sent for a given operation, including RPC headers and payload.",
                        op -> unsigned(op.bytesSent())),
                Series.counter("operations_received_bytes_total",
                        "Number of bytes received for a given operation, including RPC headers and payload.",
                        op -> unsigned(op.bytesReceived())),
                Series.counter("operations_queue_time_seconds_total", "Duration all requests spent queued for "
                        + "transmission for a given operation before they were sent, in seconds.",
                        op -> modMantissa(op.queueMilliseconds()) / 1000.0),
                Series.counter("operations_response_time_seconds_total", "Duration all requests took to get a reply "
                        + "back after a request for a given operation was transmitted, in seconds.",
                        op -> modMantissa(op.responseMilliseconds()) / 1000.0),
                Series.counter("operations_request_time_seconds_total", "Duration all requests took from when a "
                        + "request was enqueued to when it was completely handled for a given operation, in seconds.",
                        op -> modMantissa(op.requestMilliseconds()) / 1000.0),
                Series.counter("operations_errors_total", "Number of errors for a given operation",
                        op -> modMantissa(op.errors())));

        private static Series<NfsMount> bytes(int index, String name, String help) {
            return Series.counter(name, help, m -> unsigned(m.bytes()[index]));
        }

        private static Series<NfsMount> event(int index, String name, String help) {
            return Series.counter(name, help, m -> unsigned(m.events()[index]));
        }

        private static double unsigned(long count) {
            return MetricFamily.unsignedToDouble(count);
        }

        private static double modMantissa(long unsigned) {
            return Long.remainderUnsigned(unsigned, MANTISSA);
        }

        private final MetricSink sink;
        final MetricFamily mountpointInfo;

        Families(MetricSink sink) {
            this.sink = sink;
            this.mountpointInfo = sink.gauge(P + "mountpoint_info", "Info metric for an NFS mountpoint.", "export",
                    "protocol", "mountaddr", "mountpoint");
        }

        void mount(NfsMount m, String protocol, String address) {
            add(MOUNT, m, null, m.device(), protocol, address);
            for (int k = 0; k < m.transports().size(); k++) {
                add(TRANSPORT, m.transports().get(k), "transport", m.device(), protocol, address, Integer.toString(k));
            }
            for (Operation op : m.operations()) {
                add(OPERATION, op, "operation", m.device(), protocol, address, op.name());
            }
        }

        /** Each series of {@code line}, labelled export, protocol, mountaddr [and {@code extraLabel}]. */
        private <T> void add(List<Series<T>> series, T line, String extraLabel, String... labels) {
            String[] names = extraLabel == null ? new String[] {"export", "protocol", "mountaddr"}
                    : new String[] {"export", "protocol", "mountaddr", extraLabel};
            for (Series<T> s : series) {
                MetricFamily f = s.gauge() ? sink.gauge(P + s.name(), s.help(), names)
                        : sink.counter(P + s.name(), s.help(), names);
                f.add(s.value().applyAsDouble(line), labels);
            }
        }
    }
}
