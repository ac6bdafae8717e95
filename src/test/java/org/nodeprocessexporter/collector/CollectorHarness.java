package org.nodeprocessexporter.collector;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nodeprocessexporter.cli.CommandLineParser;
import org.nodeprocessexporter.cli.ExporterFlags;
import org.nodeprocessexporter.cli.FlagValues;

/**
 * Runs one collector the way the exporter would, over a fixture tree, and returns its families in
 * the Prometheus text format (sorted by name), for tests to compare with expected text.
 */
public final class CollectorHarness {
    public static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private CollectorHarness() {
    }

    /** Parses {@code args} with the core flags and the collector's flags. */
    public static FlagValues flags(CollectorSpec spec, String... args) throws Exception {
        CommandLineParser parser = new CommandLineParser(ExporterFlags.all(List.of(spec)));
        return ((CommandLineParser.Run) parser.parse(args, w -> { })).flags();
    }

    public static Collector build(CollectorSpec spec, Path procfs, Path sysfs, Path rootfs, String... args)
            throws Exception {
        List<String> all = new ArrayList<>(List.of("--path.procfs=" + procfs, "--path.sysfs=" + sysfs,
                "--path.rootfs=" + rootfs, "--path.udev.data=" + rootfs.resolve("run/udev/data")));
        all.addAll(List.of(args));
        Collector c = spec.factory().create(CollectorContext.fromFlags(flags(spec, all.toArray(String[]::new))));
        synchronized (BUILT) {
            BUILT.add(c);
        }
        return c;
    }

    private static final List<Collector> BUILT = new ArrayList<>();

    /**
     * Closes every collector built so far. Tests over the live /proc call it after each test: the
     * process handles of their collectors count against one budget per JVM, and on a host with
     * thousands of processes a few forgotten collectors would use it up for the tests after them.
     */
    public static void closeAll() {
        synchronized (BUILT) {
            BUILT.forEach(Collector::close);
            BUILT.clear();
        }
    }

    /** The collector over the checked-in fixture tree. */
    public static String scrapeFixtures(CollectorSpec spec, String... args) throws Exception {
        return scrape(build(spec, FIXTURES.resolve("proc"), FIXTURES.resolve("sys"), FIXTURES.resolve("rootfs"), args));
    }

    public static String scrape(Collector collector) throws Exception {
        MetricSink sink = new MetricSink();
        collector.collect(sink);
        return text(sink.snapshots());
    }

    /** A scrape runner's result in the text format, streamed families built into snapshots. */
    public static String exposition(List<ExposedFamily> families) throws Exception {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (ExposedFamily f : families) {
            snapshots.add(f.toSnapshot());
        }
        return text(snapshots);
    }

    public static String text(List<MetricSnapshot> snapshots) throws Exception {
        List<MetricSnapshot> sorted = new ArrayList<>(snapshots);
        sorted.sort(Comparator.comparing(s -> s.getMetadata().getPrometheusName()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, MetricSnapshots.of(sorted.toArray(MetricSnapshot[]::new)));
        return out.toString(StandardCharsets.UTF_8);
    }
}
