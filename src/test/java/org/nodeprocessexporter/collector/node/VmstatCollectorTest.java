package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.procfs.Vmstat;

class VmstatCollectorTest {
    @Test
    void theDefaultFieldsFromTheFixture() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(VmstatCollector.SPEC)).isEqualTo("""
                # HELP node_vmstat_oom_kill /proc/vmstat information field oom_kill.
                # TYPE node_vmstat_oom_kill untyped
                node_vmstat_oom_kill 0.0
                # HELP node_vmstat_pgfault /proc/vmstat information field pgfault.
                # TYPE node_vmstat_pgfault untyped
                node_vmstat_pgfault 4731828.0
                # HELP node_vmstat_pgmajfault /proc/vmstat information field pgmajfault.
                # TYPE node_vmstat_pgmajfault untyped
                node_vmstat_pgmajfault 926.0
                # HELP node_vmstat_pgpgin /proc/vmstat information field pgpgin.
                # TYPE node_vmstat_pgpgin untyped
                node_vmstat_pgpgin 1035585.0
                # HELP node_vmstat_pgpgout /proc/vmstat information field pgpgout.
                # TYPE node_vmstat_pgpgout untyped
                node_vmstat_pgpgout 629216.0
                # HELP node_vmstat_pswpin /proc/vmstat information field pswpin.
                # TYPE node_vmstat_pswpin untyped
                node_vmstat_pswpin 0.0
                # HELP node_vmstat_pswpout /proc/vmstat information field pswpout.
                # TYPE node_vmstat_pswpout untyped
                node_vmstat_pswpout 0.0
                """);
    }

    @Test
    void theFieldsRegexpIsUnanchoredLikeGo() throws Exception {
        assertThat(ScrapedSamples.of(CollectorHarness.scrapeFixtures(VmstatCollector.SPEC,
                "--collector.vmstat.fields=free")).keySet())
                .containsExactly("node_vmstat_nr_free_pages", "node_vmstat_pgfree");
    }

    @Test
    void liveMajorFaultsLieBetweenTwoReads() throws Exception {
        Collector c = CollectorHarness.build(VmstatCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        double before = Vmstat.read(Path.of("/proc")).get("pgmajfault");
        String text = CollectorHarness.scrape(c);
        double after = Vmstat.read(Path.of("/proc")).get("pgmajfault");
        assertThat(ScrapedSamples.value(text, "node_vmstat_pgmajfault")).isBetween(before, after);
        assertThat(Files.exists(Path.of("/proc/vmstat"))).isTrue();
    }
}
