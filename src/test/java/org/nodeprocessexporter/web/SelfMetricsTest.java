package org.nodeprocessexporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.MetricSink;

/** The exporter's own process_* and thread counts against this JVM's /proc/self and MXBeans. */
class SelfMetricsTest {

    private static long statusKib(String key) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(key + ":"))
                .mapToLong(l -> Long.parseLong(l.substring(key.length() + 1).trim().split("\\s+")[0]))
                .findFirst().orElseThrow();
    }

    @Test
    void valuesAreThisProcesssOwn() throws Exception {
        SelfMetrics self = new SelfMetrics();
        MetricSink sink = new MetricSink();
        long fdsBefore;
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            fdsBefore = s.count();
        }
        long rssBefore = statusKib("VmRSS") * 1024;
        self.addTo(sink);
        long rssAfter = statusKib("VmRSS") * 1024;
        Exposition e = Exposition.parse(CollectorHarness.exposition(sink.families()));

        assertThat(e.types).containsEntry("process_cpu_seconds_total", "counter")
                .containsEntry("jvm_threads_started_total", "counter").containsEntry("process_open_fds", "gauge");
        // the descriptor listing above held one more (the directory) than at the count
        assertThat(e.value("process_open_fds")).isBetween(fdsBefore - 4.0, fdsBefore + 4.0);
        String limits = Files.readString(Path.of("/proc/self/limits"));
        String soft = limits.lines().filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow()
                .substring(26).trim().split("\\s+")[0];
        assertThat(e.value("process_max_fds")).isEqualTo(Double.parseDouble(soft));
        assertThat(e.value("process_resident_memory_bytes"))
                .isBetween(Math.min(rssBefore, rssAfter) * 0.9, Math.max(rssBefore, rssAfter) * 1.1);
        assertThat(e.value("process_virtual_memory_bytes")).isCloseTo(statusKib("VmSize") * 1024.0,
                within(64.0 * 1024 * 1024));
        double cpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime() / 1e9;
        assertThat(e.value("process_cpu_seconds_total")).isPositive().isLessThanOrEqualTo(cpu + 0.02);
        assertThat(e.value("process_start_time_seconds"))
                .isCloseTo(ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0, within(1e-3));
        double threads = e.value("jvm_threads_current");
        assertThat(threads).isPositive().isLessThanOrEqualTo(e.value("jvm_threads_peak"));
        assertThat(e.value("jvm_threads_daemon")).isLessThanOrEqualTo(threads);
        assertThat(e.value("jvm_threads_started_total")).isGreaterThanOrEqualTo(e.value("jvm_threads_peak"));
    }
}
