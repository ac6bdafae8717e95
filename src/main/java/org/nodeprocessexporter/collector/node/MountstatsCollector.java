package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** The {@code bytes:} families, in {@link MountStats}' index order. */
    private static final String[][] BYTES = {
        {"read_bytes_total", "Number of bytes read using the read() syscall."},
        {"write_bytes_total", "Number of bytes written using the write() syscall."},
        {"direct_read_bytes_total", "Number of bytes read using the read() syscall in O_DIRECT mode."},
        {"direct_write_bytes_total", "Number of bytes written using the write() syscall in O_DIRECT mode."},
        {"total_read_bytes_total", "Number of bytes read from the NFS server, in total."},
        {"total_write_bytes_total", "Number of bytes written to the NFS server, in total."},
        {"read_pages_total", "Number of pages read directly via mmap()'d files."},
        {"write_pages_total", "Number of pages written directly via mmap()'d files."},
    };

    /**
     * The {@code events:} families with the counter's index (the 19th, congestion waits, is not
     * exported); help texts as upstream's, slips included.
     */
    private static final Object[][] EVENTS = {
        {0, "event_inode_revalidate_total", "Number of times cached inode attributes are re-validated from the server."},
        {1, "event_dnode_revalidate_total", "Number of times cached dentry nodes are re-validated from the server."},
        {2, "event_data_invalidate_total", "Number of times an inode cache is cleared."},
        {3, "event_attribute_invalidate_total", "Number of times cached inode attributes are invalidated."},
        {4, "event_vfs_open_total", "Number of times cached inode attributes are invalidated."},
        {5, "event_vfs_lookup_total", "Number of times a directory lookup has occurred."},
        {6, "event_vfs_access_total", "Number of times permissions have been checked."},
        {7, "event_vfs_update_page_total", "Number of updates (and potential writes) to pages."},
        {8, "event_vfs_read_page_total", "Number of pages read directly via mmap()'d files."},
        {9, "event_vfs_read_pages_total", "Number of times a group of pages have been read."},
        {10, "event_vfs_write_page_total", "Number of pages written directly via mmap()'d files."},
        {11, "event_vfs_write_pages_total", "Number of times a group of pages have been written."},
        {12, "event_vfs_getdents_total", "Number of times directory entries have been read with getdents()."},
        {13, "event_vfs_setattr_total", "Number of times directory entries have been read with getdents()."},
        {14, "event_vfs_flush_total", "Number of pending writes that have been forcefully flushed to the server."},
        {15, "event_vfs_fsync_total", "Number of times fsync() has been called on directories and files."},
        {16, "event_vfs_lock_total", "Number of times locking has been attempted on a file."},
        {17, "event_vfs_file_release_total", "Number of times files have been closed and released."},
        {19, "event_truncation_total", "Number of times files have been truncated."},
        {20, "event_write_extension_total", "Number of times a file has been grown due to writes beyond its existing end."},
        {21, "event_silly_rename_total", "Number of times a file was removed while still open by another process."},
        {22, "event_short_read_total", "Number of times the NFS server gave less data than expected while reading."},
        {23, "event_short_write_total", "Number of times the NFS server wrote less data than expected while writing."},
        {24, "event_jukebox_delay_total", "Number of times the NFS server indicated EJUKEBOX; retrieving data from offline storage."},
        {25, "event_pnfs_read_total", "Number of NFS v4.1+ pNFS reads."},
        {26, "event_pnfs_write_total", "Number of NFS v4.1+ pNFS writes."},
    };

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

    /** One scrape's families. */
    private static final class Families {
        private final MetricSink sink;
        final MetricFamily mountpointInfo;

        Families(MetricSink sink) {
            this.sink = sink;
            this.mountpointInfo = sink.gauge(P + "mountpoint_info", "Info metric for an NFS mountpoint.", "export",
                    "protocol", "mountaddr", "mountpoint");
        }

        void mount(NfsMount m, String protocol, String address) {
            String[] labels = {m.device(), protocol, address};
            counter("age_seconds_total", "The age of the NFS mount in seconds.").add(m.ageSeconds(), labels);
            for (int i = 0; i < BYTES.length; i++) {
                counter(BYTES[i][0], BYTES[i][1]).addUnsigned(m.bytes()[i], labels);
            }
            for (int k = 0; k < m.transports().size(); k++) {
                transport(m.transports().get(k), new String[] {m.device(), protocol, address, Integer.toString(k)});
            }
            for (Operation op : m.operations()) {
                operation(op, new String[] {m.device(), protocol, address, op.name()});
            }
            for (Object[] e : EVENTS) {
                counter((String) e[1], (String) e[2]).addUnsigned(m.events()[(Integer) e[0]], labels);
            }
        }

        private void transport(Transport t, String[] labels) {
            transportFamily("transport_bind_total",
                    "Number of times the client has had to establish a connection from scratch to the NFS server.",
                    false).addUnsigned(t.bind(), labels);
            transportFamily("transport_connect_total",
                    "Number of times the client has made a TCP connection to the NFS server.", false)
                    .addUnsigned(t.connect(), labels);
            transportFamily("transport_idle_time_seconds",
                    "Duration since the NFS mount last saw any RPC traffic, in seconds.", true)
                    .add(modMantissa(t.idleTimeSeconds()), labels);
            transportFamily("transport_sends_total", "Number of RPC requests for this mount sent to the NFS server.",
                    false).addUnsigned(t.sends(), labels);
            transportFamily("transport_receives_total",
                    "Number of RPC responses for this mount received from the NFS server.", false)
                    .addUnsigned(t.receives(), labels);
            transportFamily("transport_bad_transaction_ids_total",
                    "Number of times the NFS server sent a response with a transaction ID unknown to this client.",
                    false).addUnsigned(t.badTransactionIds(), labels);
            transportFamily("transport_backlog_queue_total", "Total number of items added to the RPC backlog queue.",
                    false).addUnsigned(t.backlog(), labels);
            transportFamily("transport_maximum_rpc_slots",
                    "Maximum number of simultaneously active RPC requests ever used.", true)
                    .addUnsigned(t.maxSlotsUsed(), labels);
            transportFamily("transport_sending_queue_total",
                    "Total number of items added to the RPC transmission sending queue.", false)
                    .addUnsigned(t.sendingQueue(), labels);
            transportFamily("transport_pending_queue_total",
                    "Total number of items added to the RPC transmission pending queue.", false)
                    .addUnsigned(t.pendingQueue(), labels);
        }

        private void operation(Operation op, String[] labels) {
            opFamily("operations_requests_total", "Number of requests performed for a given operation.")
                    .addUnsigned(op.requests(), labels);
            opFamily("operations_transmissions_total",
                    "Number of times an actual RPC request has been transmitted for a given operation.")
                    .addUnsigned(op.transmissions(), labels);
            opFamily("operations_major_timeouts_total",
                    "Number of times a request has had a major timeout for a given operation.")
                    .addUnsigned(op.majorTimeouts(), labels);
            opFamily("operations_sent_bytes_total",
                    "Number of bytes sent for a given operation, including RPC headers and payload.")
                    .addUnsigned(op.bytesSent(), labels);
            opFamily("operations_received_bytes_total",
                    "Number of bytes received for a given operation, including RPC headers and payload.")
                    .addUnsigned(op.bytesReceived(), labels);
            opFamily("operations_queue_time_seconds_total", "Duration all requests spent queued for transmission "
                    + "for a given operation before they were sent, in seconds.")
                    .add(modMantissa(op.queueMilliseconds()) / 1000.0, labels);
            opFamily("operations_response_time_seconds_total", "Duration all requests took to get a reply back "
                    + "after a request for a given operation was transmitted, in seconds.")
                    .add(modMantissa(op.responseMilliseconds()) / 1000.0, labels);
            opFamily("operations_request_time_seconds_total", "Duration all requests took from when a request was "
                    + "enqueued to when it was completely handled for a given operation, in seconds.")
                    .add(modMantissa(op.requestMilliseconds()) / 1000.0, labels);
            opFamily("operations_errors_total", "Number of errors for a given operation")
                    .add(modMantissa(op.errors()), labels);
        }

        private MetricFamily counter(String name, String help) {
            return sink.counter(P + name, help, "export", "protocol", "mountaddr");
        }

        private MetricFamily transportFamily(String name, String help, boolean gauge) {
            return gauge ? sink.gauge(P + name, help, "export", "protocol", "mountaddr", "transport")
                    : sink.counter(P + name, help, "export", "protocol", "mountaddr", "transport");
        }

        private MetricFamily opFamily(String name, String help) {
            return sink.counter(P + name, help, "export", "protocol", "mountaddr", "operation");
        }

        private static double modMantissa(long unsigned) {
            return Long.remainderUnsigned(unsigned, MANTISSA);
        }
    }
}
