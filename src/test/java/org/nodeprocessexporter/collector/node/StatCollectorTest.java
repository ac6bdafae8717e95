package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;

class StatCollectorTest {
    @Test
    void kernelCountersFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(StatCollector.SPEC)).isEqualTo("""
                # HELP node_boot_time_seconds Node boot time, in unixtime.
                # TYPE node_boot_time_seconds gauge
                node_boot_time_seconds 1.795642074E9
                # HELP node_context_switches_total Total number of context switches.
                # TYPE node_context_switches_total counter
                node_context_switches_total 750473.0
                # HELP node_forks_total Total number of forks.
                # TYPE node_forks_total counter
                node_forks_total 8741.0
                # HELP node_intr_total Total number of interrupts serviced.
                # TYPE node_intr_total counter
                node_intr_total 313219.0
                # HELP node_procs_blocked Number of processes blocked waiting for I/O to complete.
                # TYPE node_procs_blocked gauge
                node_procs_blocked 0.0
                # HELP node_procs_running Number of processes in runnable state.
                # TYPE node_procs_running gauge
                node_procs_running 6.0
                """);
    }

    @Test
    void softirqVectorsWithTheFlag() throws Exception {
        assertThat(ScrapedSamples.lines(CollectorHarness.scrapeFixtures(StatCollector.SPEC, "--collector.stat.softirq"),
                "node_softirqs_total")).isEqualTo("""
                # HELP node_softirqs_total Number of softirq calls.
                # TYPE node_softirqs_total counter
                node_softirqs_total{vector="block"} 39938.0
                node_softirqs_total{vector="block_iopoll"} 0.0
                node_softirqs_total{vector="hi"} 0.0
                node_softirqs_total{vector="hrtimer"} 0.0
                node_softirqs_total{vector="net_rx"} 3594.0
                node_softirqs_total{vector="net_tx"} 4.0
                node_softirqs_total{vector="rcu"} 42187.0
                node_softirqs_total{vector="sched"} 52185.0
                node_softirqs_total{vector="tasklet"} 4.0
                node_softirqs_total{vector="timer"} 21520.0
                """);
    }

    @Test
    void liveBootTimeAndForksMatchProcStat() throws Exception {
        Collector c = CollectorHarness.build(StatCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        String before = Files.readString(Path.of("/proc/stat"));
        String text = CollectorHarness.scrape(c);
        String after = Files.readString(Path.of("/proc/stat"));
        assertThat(ScrapedSamples.value(text, "node_boot_time_seconds")).isEqualTo(field(before, "btime"));
        assertThat(ScrapedSamples.value(text, "node_forks_total"))
                .isBetween(field(before, "processes"), field(after, "processes"));
        assertThat(ScrapedSamples.value(text, "node_context_switches_total"))
                .isBetween(field(before, "ctxt"), field(after, "ctxt"));
    }

    private static double field(String stat, String key) {
        for (String line : stat.split("\n")) {
            if (line.startsWith(key + " ")) {
                return Double.parseDouble(line.split(" +")[1]);
            }
        }
        throw new AssertionError(key);
    }
}
