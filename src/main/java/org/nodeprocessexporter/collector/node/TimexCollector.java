package org.nodeprocessexporter.collector.node;

import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.sys.Timex;

/** node_exporter's {@code timex}: the kernel clock discipline state from adjtimex(2). */
public final class TimexCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("timex", true, ctx -> new TimexCollector());

    /** An offset beyond this is the kernel's 2^32 ns overflow artifact (node_exporter issue 3764). */
    private static final double OFFSET_OVERFLOW_SECONDS = 4.0;

    private long overflows;

    /** adjtimex(2) NOTES: freq, ppsfreq and stabil are ppm with a 16-bit fractional part. */
    private static final double PPM16 = 1_000_000.0 * 65536.0;
    private static final double MICRO = 1e6;

    @Override
    public void collect(MetricSink sink) throws Exception {
        emit(sink, Timex.call());
    }

    void emit(MetricSink sink, Timex t) {
        double divisor = (t.status() & Timex.STA_NANO) != 0 ? 1e9 : MICRO;
        double offset = t.offset() / divisor;
        if (Math.abs(offset) > OFFSET_OVERFLOW_SECONDS) {
            overflows++;
        }
        sink.gauge("node_timex_offset_seconds", "Time offset in between local system and reference clock.", offset);
        sink.counter("node_timex_offset_overflow_total", "Count of adjtimex() offset readings indicating kernel "
                + "overflow (|offset| > 4s). See https://github.com/prometheus/node_exporter/issues/3764", overflows);
        sink.gauge("node_timex_frequency_adjustment_ratio", "Local clock frequency adjustment.", 1 + t.freq() / PPM16);
        sink.gauge("node_timex_maxerror_seconds", "Maximum error in seconds.", t.maxerror() / MICRO);
        sink.gauge("node_timex_estimated_error_seconds", "Estimated error in seconds.", t.esterror() / MICRO);
        sink.gauge("node_timex_status", "Value of the status array bits.", t.status());
        sink.gauge("node_timex_loop_time_constant", "Phase-locked loop time constant.", t.constant());
        sink.gauge("node_timex_tick_seconds", "Seconds between clock ticks.", t.tick() / MICRO);
        sink.gauge("node_timex_pps_frequency_hertz", "Pulse per second frequency.", t.ppsfreq() / PPM16);
        sink.gauge("node_timex_pps_jitter_seconds", "Pulse per second jitter.", t.jitter() / divisor);
        sink.gauge("node_timex_pps_shift_seconds", "Pulse per second interval duration.", t.shift());
        sink.gauge("node_timex_pps_stability_hertz",
                "Pulse per second stability, average of recent frequency changes.", t.stabil() / PPM16);
        sink.counter("node_timex_pps_jitter_total", "Pulse per second count of jitter limit exceeded events.",
                t.jitcnt());
        sink.counter("node_timex_pps_calibration_total", "Pulse per second count of calibration intervals.",
                t.calcnt());
        sink.counter("node_timex_pps_error_total", "Pulse per second count of calibration errors.", t.errcnt());
        sink.counter("node_timex_pps_stability_exceeded_total",
                "Pulse per second count of stability limit exceeded events.", t.stbcnt());
        sink.gauge("node_timex_tai_offset_seconds", "International Atomic Time (TAI) offset.", t.tai());
        sink.gauge("node_timex_sync_status", "Is clock synchronized to a reliable server (1 = yes, 0 = no).",
                t.state() == Timex.TIME_ERROR ? 0 : 1);
    }
}
