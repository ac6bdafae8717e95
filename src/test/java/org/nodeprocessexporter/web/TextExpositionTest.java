package org.nodeprocessexporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.ExposedFamily;
import org.nodeprocessexporter.collector.LabelValue;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.SampleWriter;
import org.nodeprocessexporter.collector.StreamedFamily;
import org.nodeprocessexporter.collector.process.ProcessDetailCollector;

/**
 * Streamed families are written by {@link TextExposition} itself; what it writes must be, byte for
 * byte, what the Prometheus client's writers make of the same family as a snapshot, in both text
 * formats, whatever the label values and sample values.
 */
class TextExpositionTest {
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();
    private static final OpenMetricsTextFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();

    record Sample(String group, String other, double value) {
    }

    // shrinking off: jqwik 1.10.1 fails with a ClassCastException shrinking this combined arbitrary
    @Property(tries = 300, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void streamedFamiliesAreWrittenAsTheClientWritesThem(
            @ForAll("samples") List<Sample> samples,
            @ForAll("types") MetricFamily.Type type, @ForAll("helps") String help) throws Exception {
        // unique, sorted labels, as the contract of a streamed family asks
        java.util.TreeSet<Sample> unique = new java.util.TreeSet<>(
                java.util.Comparator.comparing(Sample::group).thenComparing(Sample::other));
        for (Sample s : samples) {
            if (type == MetricFamily.Type.COUNTER) { // the client's model refuses negative counters
                s = new Sample(s.group(), s.other(), Double.isNaN(s.value()) ? 0 : Math.abs(s.value()));
            }
            unique.add(s);
        }
        List<Sample> rows = new ArrayList<>(unique);
        String name = type == MetricFamily.Type.COUNTER ? "x_things_total" : "x_things";
        StreamedFamily family = StreamedFamily.ofRows(type, name, help, new String[] {"groupname", "other"}, rows,
                (Sample s, SampleWriter out) -> out.sample(s.value(), new LabelValue(s.group()), s.other()));
        StreamedFamily allStrings = StreamedFamily.ofRows(type, name, help, new String[] {"groupname", "other"},
                rows, (Sample s, SampleWriter out) -> out.sample(s.value(), s.group(), s.other()));

        for (ExpositionFormatWriter writer : List.of(TEXT, OPEN_METRICS)) {
            String expected = client(writer, List.of(family.toSnapshot()));
            assertThat(ours(writer, List.of(family))).isEqualTo(expected);
            assertThat(ours(writer, List.of(allStrings))).isEqualTo(expected);
        }
    }

    /** Node collectors' families without labels (node_load1 and the like). */
    @Property(tries = 100)
    void familiesWithoutLabelsAreWrittenAsTheClientWritesThem(@ForAll("types") MetricFamily.Type type,
            @ForAll("values") double value) throws Exception {
        double v = type == MetricFamily.Type.COUNTER ? (Double.isNaN(value) ? 0 : Math.abs(value)) : value;
        MetricSink sink = new MetricSink();
        switch (type) {
            case COUNTER -> sink.counter("x_total", "help", v);
            case GAUGE -> sink.gauge("x", "help", v);
            default -> sink.untyped("x", "help").add(v);
        }
        for (ExpositionFormatWriter writer : List.of(TEXT, OPEN_METRICS)) {
            assertThat(ours(writer, sink.families())).isEqualTo(client(writer, sink.snapshots()));
        }
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-20_000_000, 20_000_000).map(Long::doubleValue),
                Arbitraries.doubles(), Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 1e7));
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab\"\\\n{},= é€😀").ofMaxLength(6),
                Arbitraries.strings().all().ofMaxLength(5).filter(s -> s.codePoints().noneMatch(
                        c -> Character.isSurrogate((char) c))));
        Arbitrary<Double> value = Arbitraries.oneOf(
                Arbitraries.longs().between(-20_000_000, 20_000_000).map(Long::doubleValue),
                Arbitraries.doubles(),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e7,
                        9_999_999.0, -9_999_999.0, 1e-3, 1e-4, 0.1, Double.MIN_VALUE, Double.MAX_VALUE));
        return net.jqwik.api.Combinators.combine(label, label, value).as(Sample::new).list().ofMinSize(1).ofMaxSize(8);
    }

    /** The types the client's writers know (an unsuffixed counter is ours, tested on its own below). */
    @Provide
    Arbitrary<MetricFamily.Type> types() {
        return Arbitraries.of(MetricFamily.Type.GAUGE, MetricFamily.Type.COUNTER, MetricFamily.Type.UNTYPED);
    }

    /**
     * process-exporter's scrape error counters: {@code counter} without {@code _total} in the text
     * format (the client would write an untyped family, or add the suffix); in OpenMetrics, whose
     * counter samples must end in {@code _total}, an {@code unknown} family of the same name.
     */
    @Property(tries = 50)
    void unsuffixedCountersAreCountersInTextAndUnknownInOpenMetrics(@ForAll("values") double value) throws Exception {
        double v = Double.isNaN(value) ? 0 : Math.abs(value);
        MetricSink ours = new MetricSink();
        ours.unsuffixedCounter("x_errors", "help").add(v);
        MetricSink untyped = new MetricSink();
        untyped.untyped("x_errors", "help").add(v);
        assertThat(ours(TEXT, ours.families()))
                .isEqualTo(client(TEXT, untyped.snapshots()).replace("# TYPE x_errors untyped", "# TYPE x_errors counter"))
                .contains("# TYPE x_errors counter\nx_errors ");
        assertThat(ours(OPEN_METRICS, ours.families())).isEqualTo(client(OPEN_METRICS, untyped.snapshots()))
                .contains("# TYPE x_errors unknown\n");
        assertThat(ours.snapshots().get(0)).isInstanceOf(io.prometheus.metrics.model.snapshots.UnknownSnapshot.class);
    }

    @Provide
    Arbitrary<String> helps() {
        return Arbitraries.strings().withChars("help \\\n\"é").ofMaxLength(12);
    }

    /** process_detail over the fixture tree, every family streamed, against the client's writers. */
    @Test
    void processDetailOverTheFixtureTreeIsWrittenAsTheClientWritesIt() throws Exception {
        var collector = CollectorHarness.build(ProcessDetailCollector.SPEC, CollectorHarness.FIXTURES.resolve("proc"),
                CollectorHarness.FIXTURES.resolve("sys"), CollectorHarness.FIXTURES.resolve("rootfs"),
                "--collector.process_detail.threads");
        MetricSink sink = new MetricSink();
        collector.collect(sink);
        TreeMap<String, ExposedFamily> sorted = new TreeMap<>();
        sink.families().forEach(f -> sorted.put(f.name(), f));
        List<ExposedFamily> families = new ArrayList<>(sorted.values());
        assertThat(families).filteredOn(f -> f instanceof StreamedFamily).hasSizeGreaterThan(15);
        List<MetricSnapshot> snapshots = new ArrayList<>();
        families.forEach(f -> snapshots.add(f.toSnapshot()));
        for (ExpositionFormatWriter writer : List.of(TEXT, OPEN_METRICS)) {
            String ours = ours(writer, families);
            assertThat(ours).contains("namedprocess_namegroup_netstat{").contains("namedprocess_namegroup_thread_count{");
            String client = client(writer, snapshots);
            if (writer == TEXT) { // the scrape error counters: see the test above
                client = client.replaceAll("(?m)^# TYPE (namedprocess_scrape_\\w*errors) untyped$", "# TYPE $1 counter");
                assertThat(ours).contains("# TYPE namedprocess_scrape_errors counter\nnamedprocess_scrape_errors ");
            }
            assertThat(ours).isEqualTo(client);
        }
    }

    private static String ours(ExpositionFormatWriter writer, List<? extends ExposedFamily> families)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TextExposition(out, writer, writer == OPEN_METRICS).write(new ArrayList<>(families));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String client(ExpositionFormatWriter writer, List<MetricSnapshot> snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, new MetricSnapshots(snapshots));
        return out.toString(StandardCharsets.UTF_8);
    }
}
