package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sys.Timex;

class TimexCollectorTest {
    @Test
    void unitsFollowStaNanoAndTheScaledPpmFields() throws Exception {
        Timex nano = new Timex(0, 1_500_000_000L, 65536L * 10, 16000, 2000, Timex.STA_NANO, 7, 1, 0, 10000,
                65536L * 2, 500, 3, 65536L, 1, 2, 3, 4, 37);
        MetricSink sink = new MetricSink();
        new TimexCollector().emit(sink, nano);
        String text = CollectorHarness.text(sink.snapshots());
        assertThat(ScrapedSamples.of(text)).containsEntry("node_timex_offset_seconds", 1.5)
                .containsEntry("node_timex_frequency_adjustment_ratio", 1.00001)
                .containsEntry("node_timex_maxerror_seconds", 0.016)
                .containsEntry("node_timex_estimated_error_seconds", 0.002)
                .containsEntry("node_timex_status", 8192.0)
                .containsEntry("node_timex_loop_time_constant", 7.0)
                .containsEntry("node_timex_tick_seconds", 0.01)
                .containsEntry("node_timex_pps_frequency_hertz", 2e-6)
                .containsEntry("node_timex_pps_jitter_seconds", 5e-7)
                .containsEntry("node_timex_pps_shift_seconds", 3.0)
                .containsEntry("node_timex_pps_stability_hertz", 1e-6)
                .containsEntry("node_timex_pps_jitter_total", 1.0)
                .containsEntry("node_timex_pps_calibration_total", 2.0)
                .containsEntry("node_timex_pps_error_total", 3.0)
                .containsEntry("node_timex_pps_stability_exceeded_total", 4.0)
                .containsEntry("node_timex_tai_offset_seconds", 37.0)
                .containsEntry("node_timex_sync_status", 1.0)
                .containsEntry("node_timex_offset_overflow_total", 0.0)
                .hasSize(18);
        assertThat(text).contains("# TYPE node_timex_pps_error_total counter", "# TYPE node_timex_status gauge");
    }

    @Test
    void anOffsetBeyondFourSecondsIsCountedAsAnOverflow() throws Exception {
        TimexCollector c = new TimexCollector();
        Timex big = new Timex(5, 5_000_000L, 0, 0, 0, 0, 0, 0, 0, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        c.emit(new MetricSink(), big);
        MetricSink sink = new MetricSink();
        c.emit(sink, big);
        String text = CollectorHarness.text(sink.snapshots());
        assertThat(ScrapedSamples.value(text, "node_timex_offset_overflow_total")).isEqualTo(2.0);
        assertThat(ScrapedSamples.value(text, "node_timex_sync_status")).isEqualTo(0.0);
    }

    @Test
    void liveCallDecodesAPlausibleStruct() throws Exception {
        Timex t = Timex.call();
        // A layout error would put padding or a neighbouring field here.
        assertThat(t.tick()).isBetween(900L, 1_100_000L);
        assertThat(t.maxerror()).isBetween(0L, 16_000_000L);
        assertThat(t.constant()).isBetween(0L, 10L);
        assertThat(t.state()).isBetween(0, 5);
        boolean unsync = (t.status() & 0x40) != 0;
        if (unsync) {
            assertThat(t.state()).isEqualTo(Timex.TIME_ERROR);
        }
        String text = CollectorHarness.scrape(CollectorHarness.build(TimexCollector.SPEC, java.nio.file.Path.of("/proc"),
                java.nio.file.Path.of("/sys"), java.nio.file.Path.of("/")));
        assertThat(ScrapedSamples.value(text, "node_timex_tick_seconds")).isEqualTo(t.tick() / 1e6);
    }
}
