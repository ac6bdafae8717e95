package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.Files;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.Fields;

/** node_exporter's {@code filefd}: allocated and maximum file handles from {@code /proc/sys/fs/file-nr}. */
public final class FilefdCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("filefd", true, FilefdCollector::new);

    private final CollectorContext ctx;

    private FilefdCollector(CollectorContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        // "allocated unused maximum"; unused has been 0 since Linux 2.6.
        String[] f = Fields.split(ProcFile.readString(ctx.proc("sys", "fs", "file-nr")));
        if (f.length != 3) {
            throw new IOException("unexpected /proc/sys/fs/file-nr: " + String.join(" ", f));
        }
        sink.gauge("node_filefd_allocated", "File descriptor statistics: allocated.",
                Fields.number(f[0], "/proc/sys/fs/file-nr"));
        sink.gauge("node_filefd_maximum", "File descriptor statistics: maximum.",
                Fields.number(f[2], "/proc/sys/fs/file-nr"));
    }
}
