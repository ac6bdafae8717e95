package org.nodeprocessexporter.web;

import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.nodeprocessexporter.BuildInfo;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.ExposedFamily;
import org.nodeprocessexporter.collector.MetricSink;

/**
 * The exporter's metrics about itself: the {@code process_*} and {@code jvm_*} families of its own
 * JVM, the promhttp handler counters node_exporter has, and {@code node_exporter_build_info}, which
 * dashboards use to show the exporter's version.
 */
final class ExporterMetrics {
    private final PrometheusRegistry runtime = new PrometheusRegistry();
    private final Map<Integer, LongAdder> requests = new ConcurrentSkipListMap<>();
    private final LongAdder encodingErrors = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final boolean includeRuntime;
    private final SelfMetrics self;

    ExporterMetrics(boolean includeRuntime) {
        this.includeRuntime = includeRuntime;
        this.self = includeRuntime ? new SelfMetrics() : null;
        if (includeRuntime) {
            // JvmMetrics' full set also has the pool-allocation metrics (GC notification listeners)
            // and native-memory metrics (the DiagnosticCommand MBean): megabytes of classes and
            // threads for an agent that has to stay small, so those two are left out. process_*
            // and the thread counts come from SelfMetrics.
            JvmBufferPoolMetrics.builder().register(runtime);
            JvmClassLoadingMetrics.builder().register(runtime);
            JvmCompilationMetrics.builder().register(runtime);
            JvmGarbageCollectorMetrics.builder().register(runtime);
            JvmMemoryMetrics.builder().register(runtime);
            JvmRuntimeInfoMetric.builder().register(runtime);
        }
        for (int code : new int[] {200, 500, 503}) {
            requests.put(code, new LongAdder());
        }
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    void countRequest(int code) {
        requests.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void countEncodingError() {
        encodingErrors.increment();
    }

    /** Build info always; the rest unless {@code --web.disable-exporter-metrics}. */
    List<ExposedFamily> families() {
        MetricSink sink = new MetricSink();
        BuildInfo b = BuildInfo.CURRENT;
        sink.gauge("node_exporter_build_info",
                "A metric with a constant '1' value labeled by version, revision, branch and javaversion from which "
                        + "node-process-exporter was built, and the goos and goarch it runs on.",
                "version", "revision", "branch", "javaversion", "goos", "goarch")
                .add(1, b.version(), b.revision(), b.branch(), b.javaVersion(), "linux", goarch());
        List<ExposedFamily> out = new ArrayList<>();
        if (includeRuntime) {
            MetricFamily total = sink.counter("promhttp_metric_handler_requests_total",
                    "Total number of scrapes by HTTP status code.", "code");
            requests.forEach((code, n) -> total.add(n.sum(), Integer.toString(code)));
            sink.gauge("promhttp_metric_handler_requests_in_flight", "Current number of scrapes being served.",
                    inFlight.get());
            sink.counter("promhttp_metric_handler_errors_total",
                            "Total number of internal errors encountered by the promhttp metric handler.", "cause")
                    .add(encodingErrors.sum(), "encoding").add(0, "gathering");
            self.addTo(sink);
            for (MetricSnapshot s : runtime.scrape()) {
                out.add(new ExposedFamily.Built(s));
            }
        }
        out.addAll(sink.families());
        return out;
    }

    private static String goarch() {
        String arch = System.getProperty("os.arch", "unknown");
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
