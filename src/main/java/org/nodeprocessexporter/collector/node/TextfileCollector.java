package org.nodeprocessexporter.collector.node;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.textformat.MergedFamilies;
import org.nodeprocessexporter.textformat.ParsedFamily;
import org.nodeprocessexporter.textformat.TextFormatException;
import org.nodeprocessexporter.textformat.TextFormatParser;

/**
 * node_exporter's {@code textfile}: the {@code *.prom} files of a directory, merged into the scrape.
 * A file that does not parse, or that carries client-side timestamps, is skipped whole and flagged
 * in {@code node_textfile_scrape_error}; the good files are served.
 */
public final class TextfileCollector implements Collector {
    static final String DIRECTORY = "collector.textfile.directory";

    public static final CollectorSpec SPEC = CollectorSpec.of("textfile", true, TextfileCollector::new,
            Flag.strings(DIRECTORY, "", "Directory to read text files with metrics from; repeatable.")
                    .withPlaceholder("DIR"));

    private final List<Path> directories = new ArrayList<>();

    private TextfileCollector(CollectorContext ctx) {
        for (String dir : ctx.flags().strings(DIRECTORY)) {
            if (!dir.isEmpty()) {
                directories.add(Path.of(dir));
            }
        }
    }

    /**
     * What upstream reads: every entry whose name ends in {@code .prom}. A filter, not the glob
     * {@code *.prom}: the JDK compiles a glob into a regular expression on every call.
     */
    private static boolean isPromFile(Path p) {
        return p.getFileName().toString().endsWith(".prom");
    }

    @Override
    public void collect(MetricSink sink) {
        boolean error = false;
        TreeMap<Path, Double> mtimes = new TreeMap<>();
        MergedFamilies families = new MergedFamilies();
        Set<Path> seen = new HashSet<>();
        for (Path dir : directories) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, TextfileCollector::isPromFile)) {
                ds.forEach(files::add);
            } catch (IOException e) {
                Log.error("failed to read textfile collector directory", "collector", "textfile", "path", dir,
                        "err", e.toString());
                error = true;
                continue;
            }
            files.sort(null);
            for (Path file : files) {
                if (!seen.add(file) || Files.isDirectory(file)) {
                    continue;
                }
                try {
                    // Whole seconds, as upstream (UnixNano() / 1e9 in integer arithmetic).
                    double mtime = Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.SECONDS);
                    families.add(file, read(file));
                    mtimes.put(file, mtime);
                } catch (IOException | TextFormatException e) {
                    Log.error("failed to collect textfile data", "collector", "textfile",
                            "file", file.getFileName(), "err", e.getMessage());
                    error = true;
                }
            }
        }
        try {
            families.snapshots().forEach(sink::snapshot);
        } catch (TextFormatException e) {
            Log.error("failed to collect textfile data", "collector", "textfile", "err", e.getMessage());
            error = true;
        }
        if (!mtimes.isEmpty()) {
            MetricFamily f = sink.gauge("node_textfile_mtime_seconds", "Unixtime mtime of textfiles successfully read.",
                    "file");
            mtimes.forEach((file, mtime) -> f.add(mtime, file.toString()));
        }
        sink.gauge("node_textfile_scrape_error", "1 if there was an error opening or reading a file, 0 otherwise",
                error ? 1 : 0);
    }

    private static List<ParsedFamily> read(Path file) throws IOException, TextFormatException {
        List<ParsedFamily> parsed;
        try {
            parsed = TextFormatParser.parse(Files.readString(file));
        } catch (TextFormatException e) {
            throw new TextFormatException("failed to parse textfile data from \"" + file + "\": " + e.getMessage());
        }
        for (ParsedFamily f : parsed) {
            for (ParsedFamily.Sample s : f.samples()) {
                if (s.hasTimestamp()) {
                    throw new TextFormatException("textfile \"" + file
                            + "\" contains unsupported client-side timestamps, skipping entire file");
                }
            }
        }
        return parsed;
    }
}
