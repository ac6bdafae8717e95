package org.nodeprocessexporter.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricSinkTest {
    @Test
    void samplesAreSortedAndDuplicatesDropped() throws Exception {
        MetricSink sink = new MetricSink();
        MetricFamily f = sink.gauge("x_bytes", "help", "device");
        f.add(2, "b").add(1, "a").add(3, "b");
        assertThat(CollectorHarness.text(sink.snapshots())).isEqualTo("""
                # HELP x_bytes help
                # TYPE x_bytes gauge
                x_bytes{device="a"} 1.0
                x_bytes{device="b"} 2.0
                """);
    }

    @Test
    void labelValuesAreEscaped() throws Exception {
        MetricSink sink = new MetricSink();
        sink.gauge("x", "help", "name").add(1, "a\"b\\c\nd");
        assertThat(CollectorHarness.text(sink.snapshots())).contains("x{name=\"a\\\"b\\\\c\\nd\"} 1");
    }

    @Test
    void countersMustBeNamedLikeNodeExportersAndKeepTheirName() throws Exception {
        MetricSink sink = new MetricSink();
        assertThatThrownBy(() -> sink.counter("node_forks", "no suffix")).isInstanceOf(IllegalArgumentException.class);
        sink.counter("node_forks_total", "forks", 5);
        assertThat(CollectorHarness.text(sink.snapshots())).contains("# TYPE node_forks_total counter")
                .contains("\nnode_forks_total 5");
    }

    @Test
    void untypedFamiliesStayUntyped() throws Exception {
        MetricSink sink = new MetricSink();
        sink.untyped("node_vmstat_pgfault", "help").add(10);
        assertThat(CollectorHarness.text(sink.snapshots())).contains("# TYPE node_vmstat_pgfault untyped");
    }

    @Test
    void aFamilyCannotChangeShape() {
        MetricSink sink = new MetricSink();
        sink.gauge("x", "help", "a");
        assertThatThrownBy(() -> sink.gauge("x", "help", "a", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sink.gauge("x", "help", "a").add(1, "1", "2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsGivenInAnyOrderAreWrittenByNameAndSamplesSortedByValue() throws Exception {
        MetricSink sink = new MetricSink();
        MetricFamily f = sink.gauge("y", "help", "zone", "cpu");
        f.add(1, "b", "1").add(2, "a", "2").add(3, "a", "1").add(9, "a", "1");
        f.add(4, io.prometheus.metrics.model.snapshots.Labels.of("cpu", "0", "zone", "c"));
        String expected = """
                # HELP y help
                # TYPE y gauge
                y{cpu="0",zone="c"} 4.0
                y{cpu="1",zone="a"} 3.0
                y{cpu="1",zone="b"} 1.0
                y{cpu="2",zone="a"} 2.0
                """;
        assertThat(CollectorHarness.text(sink.snapshots())).isEqualTo(expected);
        assertThat(CollectorHarness.exposition(sink.families())).isEqualTo(expected); // the streamed form
    }

    @Test
    void anInvalidOrRepeatedLabelNameIsRefusedWhenTheFamilyIsMade() {
        MetricSink sink = new MetricSink();
        assertThatThrownBy(() -> sink.gauge("x", "help", "__reserved")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sink.gauge("z", "help", "a", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sink.gauge("w", "help", "a").add(1, (String) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void unsignedCountsBecomeTheNearestDoubleAsInGo() {
        // 2^64 - 1024 lies halfway between two doubles and rounds to the even one (2^64), as Go rounds
        assertThat(MetricFamily.unsignedToDouble(-1025L)).isEqualTo(1.8446744073709549568E19);
        assertThat(MetricFamily.unsignedToDouble(-1024L)).isEqualTo(1.8446744073709551616E19);
        assertThat(MetricFamily.unsignedToDouble(-1L)).isEqualTo(1.8446744073709551616E19);
        assertThat(MetricFamily.unsignedToDouble(Long.MIN_VALUE)).isEqualTo(9.223372036854775808E18);
        assertThat(MetricFamily.unsignedToDouble(Long.MAX_VALUE)).isEqualTo((double) Long.MAX_VALUE);
        assertThat(MetricFamily.unsignedToDouble(0x8000_0000_0000_0401L)).isEqualTo(9.223372036854777856E18);
    }
}
