package org.nodeprocessexporter.collector.node;

import java.util.List;
import java.util.regex.Pattern;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.ScsiTape;
import org.nodeprocessexporter.sysfs.SysfsFiles;

/** node_exporter's {@code tapestats}: I/O statistics of each SCSI tape drive {@code /sys/class/scsi_tape/st<N>}. */
public final class TapestatsCollector implements Collector {
    static final String IGNORED_DEVICES = "collector.tapestats.ignored-devices";

    public static final CollectorSpec SPEC = CollectorSpec.of("tapestats", true, TapestatsCollector::new,
            Flag.regexp(IGNORED_DEVICES, "^$", "Regexp of devices to ignore for tapestats."));

    private static final String[] LABELS = {"device"};
    private static final double NS = 0.000000001;

    private final CollectorContext ctx;
    private final Pattern ignored;

    private TapestatsCollector(CollectorContext ctx) {
        this.ctx = ctx;
        this.ignored = ctx.flags().regexp(IGNORED_DEVICES);
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        NoDataException.unlessExists(ctx.sys("class", "scsi_tape"));
        emit(sink, ScsiTape.readAll(ctx.sysfs()));
    }

    /** The families, kept out of {@link #collect} (see {@link Collector}). */
    private void emit(MetricSink sink, List<ScsiTape> tapes) throws Exception {
        for (ScsiTape t : tapes) {
            if (ignored != null && ignored.matcher(t.name()).find()) {
                continue;
            }
            String d = t.name();
            sink.gauge("node_tape_io_now", "The number of I/Os currently outstanding to this device.", LABELS)
                    .add(value(t, "in_flight"), d);
            sink.counter("node_tape_io_time_seconds_total", "The amount of time spent waiting for all I/O to complete "
                    + "(including read and write). This includes tape movement commands such as seeking between file "
                    + "or set marks and implicit tape movement such as when rewind on close tape devices are used.",
                    LABELS).add(value(t, "io_ns") * NS, d);
            sink.counter("node_tape_io_others_total", "The number of I/Os issued to the tape drive other than read or "
                    + "write commands. The time taken to complete these commands uses the following calculation "
                    + "io_time_seconds_total-read_time_seconds_total-write_time_seconds_total", LABELS)
                    .add(value(t, "other_cnt"), d);
            sink.counter("node_tape_read_bytes_total", "The number of bytes read from the tape drive.", LABELS)
                    .add(value(t, "read_byte_cnt"), d);
            sink.counter("node_tape_reads_completed_total", "The number of read requests issued to the tape drive.",
                    LABELS).add(value(t, "read_cnt"), d);
            sink.counter("node_tape_read_time_seconds_total",
                    "The amount of time spent waiting for read requests to complete.", LABELS)
                    .add(value(t, "read_ns") * NS, d);
            // "thean" is upstream's spelling, kept for identical output.
            sink.counter("node_tape_residual_total", "The number of times during a read or write we found the residual "
                    + "amount to be non-zero. This should mean that a program is issuing a read larger thean the block "
                    + "size on tape. For write not all data made it to tape.", LABELS).add(value(t, "resid_cnt"), d);
            sink.counter("node_tape_written_bytes_total", "The number of bytes written to the tape drive.", LABELS)
                    .add(value(t, "write_byte_cnt"), d);
            sink.counter("node_tape_writes_completed_total", "The number of write requests issued to the tape drive.",
                    LABELS).add(value(t, "write_cnt"), d);
            sink.counter("node_tape_write_time_seconds_total",
                    "The amount of time spent waiting for write requests to complete.", LABELS)
                    .add(value(t, "write_ns") * NS, d);
        }
    }

    private static double value(ScsiTape t, String stat) {
        return SysfsFiles.unsignedToDouble(t.stats().get(stat));
    }
}
