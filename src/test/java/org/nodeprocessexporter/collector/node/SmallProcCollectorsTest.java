package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.procfs.Fields;

/** filefd, entropy, pressure, softnet and conntrack: one file or a few each. */
class SmallProcCollectorsTest {
    private static Collector live(org.nodeprocessexporter.collector.CollectorSpec spec) throws Exception {
        return CollectorHarness.build(spec, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }

    @Test
    void filefdFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(FilefdCollector.SPEC)).isEqualTo("""
                # HELP node_filefd_allocated File descriptor statistics: allocated.
                # TYPE node_filefd_allocated gauge
                node_filefd_allocated 882.0
                # HELP node_filefd_maximum File descriptor statistics: maximum.
                # TYPE node_filefd_maximum gauge
                node_filefd_maximum 2466193.0
                """);
    }

    @Test
    void filefdLiveMaximumIsFileMax() throws Exception {
        assertThat(ScrapedSamples.value(CollectorHarness.scrape(live(FilefdCollector.SPEC)), "node_filefd_maximum"))
                .isEqualTo(Fields.readNumber(Path.of("/proc/sys/fs/file-max")));
    }

    @Test
    void entropyFromTheFixtureAndLive() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(EntropyCollector.SPEC)).isEqualTo("""
                # HELP node_entropy_available_bits Bits of available entropy.
                # TYPE node_entropy_available_bits gauge
                node_entropy_available_bits 256.0
                # HELP node_entropy_pool_size_bits Bits of entropy pool.
                # TYPE node_entropy_pool_size_bits gauge
                node_entropy_pool_size_bits 256.0
                """);
        assertThat(ScrapedSamples.value(CollectorHarness.scrape(live(EntropyCollector.SPEC)),
                "node_entropy_pool_size_bits")).isEqualTo(Fields.readNumber(Path.of("/proc/sys/kernel/random/poolsize")));
    }

    @Test
    void pressureFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(PressureCollector.SPEC)).isEqualTo("""
                # HELP node_pressure_cpu_waiting_seconds_total Total time in seconds that processes have waited for CPU time
                # TYPE node_pressure_cpu_waiting_seconds_total counter
                node_pressure_cpu_waiting_seconds_total 108.624304
                # HELP node_pressure_io_stalled_seconds_total Total time in seconds no process could make progress due to IO congestion
                # TYPE node_pressure_io_stalled_seconds_total counter
                node_pressure_io_stalled_seconds_total 5.05965
                # HELP node_pressure_io_waiting_seconds_total Total time in seconds that processes have waited due to IO congestion
                # TYPE node_pressure_io_waiting_seconds_total counter
                node_pressure_io_waiting_seconds_total 5.435336
                # HELP node_pressure_irq_stalled_seconds_total Total time in seconds no process could make progress due to IRQ congestion
                # TYPE node_pressure_irq_stalled_seconds_total counter
                node_pressure_irq_stalled_seconds_total 1.234567
                # HELP node_pressure_memory_stalled_seconds_total Total time in seconds no process could make progress due to memory congestion
                # TYPE node_pressure_memory_stalled_seconds_total counter
                node_pressure_memory_stalled_seconds_total 0.0
                # HELP node_pressure_memory_waiting_seconds_total Total time in seconds that processes have waited for memory
                # TYPE node_pressure_memory_waiting_seconds_total counter
                node_pressure_memory_waiting_seconds_total 0.0
                """);
    }

    @Test
    void pressureWithoutPsiIsNoData(@TempDir Path proc) throws Exception {
        Collector c = CollectorHarness.build(PressureCollector.SPEC, proc, proc, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void pressureLiveCpuWaitingGrowsBetweenReads() throws Exception {
        double before = total("/proc/pressure/cpu");
        double v = ScrapedSamples.value(CollectorHarness.scrape(live(PressureCollector.SPEC)),
                "node_pressure_cpu_waiting_seconds_total");
        assertThat(v * 1e6).isBetween(before - 1, total("/proc/pressure/cpu") + 1);
    }

    private static double total(String file) throws Exception {
        String first = Files.readString(Path.of(file)).split("\n")[0];
        return Double.parseDouble(first.substring(first.indexOf("total=") + 6).trim());
    }

    @Test
    void softnetFromTheFixture() throws Exception {
        String text = CollectorHarness.scrapeFixtures(SoftnetCollector.SPEC);
        assertThat(ScrapedSamples.lines(text, "node_softnet_processed_total")).isEqualTo("""
                # HELP node_softnet_processed_total Number of processed packets
                # TYPE node_softnet_processed_total counter
                node_softnet_processed_total{cpu="0"} 109.0
                node_softnet_processed_total{cpu="1"} 2564.0
                """);
        assertThat(ScrapedSamples.lines(text, "node_softnet_backlog_len")).isEqualTo("""
                # HELP node_softnet_backlog_len Softnet backlog status
                # TYPE node_softnet_backlog_len gauge
                node_softnet_backlog_len{cpu="0"} 0.0
                node_softnet_backlog_len{cpu="1"} 0.0
                """);
        assertThat(text).contains("# TYPE node_softnet_dropped_total counter",
                "# TYPE node_softnet_times_squeezed_total counter", "node_softnet_cpu_collision_total{cpu=\"1\"} 0.0",
                "node_softnet_received_rps_total{cpu=\"1\"} 0.0", "node_softnet_flow_limit_count_total{cpu=\"0\"} 0.0");
    }

    @Test
    void softnetLiveHasOneSeriesPerCpu() throws Exception {
        String text = CollectorHarness.scrape(live(SoftnetCollector.SPEC));
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(ScrapedSamples.lines(text, "node_softnet_processed_total{").split("\n")).hasSize(cpus);
    }

    @Test
    void conntrackFromTheFixture() throws Exception {
        String text = CollectorHarness.scrapeFixtures(ConntrackCollector.SPEC);
        assertThat(ScrapedSamples.of(text)).containsExactly(
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_entries", 0.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_entries_limit", 262144.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_stat_drop", 0.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_stat_early_drop", 0.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_stat_found", 0.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_stat_ignore", 0.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_stat_insert", 0.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_stat_insert_failed", 0.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_stat_invalid", 0.0),
                org.assertj.core.api.Assertions.entry("node_nf_conntrack_stat_search_restart", 0.0));
        assertThat(text).contains("# TYPE node_nf_conntrack_stat_found gauge");
    }

    @Test
    void conntrackWithoutTheModuleIsNoData(@TempDir Path proc) throws Exception {
        Collector c = CollectorHarness.build(ConntrackCollector.SPEC, proc, proc, proc);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void conntrackLiveLimitIsTheSysctl() throws Exception {
        assertThat(ScrapedSamples.value(CollectorHarness.scrape(live(ConntrackCollector.SPEC)),
                "node_nf_conntrack_entries_limit"))
                .isEqualTo(Fields.readNumber(Path.of("/proc/sys/net/netfilter/nf_conntrack_max")));
    }
}
