package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorHarness;

class DiskstatsCollectorTest {
    private static String lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).collect(Collectors.joining("\n"));
    }

    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(DiskstatsCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/diskstats.prom")));
    }

    @Test
    void includeReplacesTheDefaultExclude() throws Exception {
        String out = CollectorHarness.scrapeFixtures(DiskstatsCollector.SPEC, "--collector.diskstats.device-include=^sd");
        assertThat(lines(out, "node_disk_reads_completed_total")).isEqualTo("""
                node_disk_reads_completed_total{device="sda"} 2.5354637E7
                node_disk_reads_completed_total{device="sda1"} 1034.0""");
    }

    @Test
    void excludeAndItsDeprecatedAlias() throws Exception {
        String expected = """
                node_disk_io_now{device="loop0"} 0.0
                node_disk_io_now{device="sda1"} 0.0
                node_disk_io_now{device="zram0"} 0.0""";
        assertThat(lines(CollectorHarness.scrapeFixtures(DiskstatsCollector.SPEC,
                "--collector.diskstats.device-exclude=^(dm|nvme|sda$|vda)"), "node_disk_io_now")).isEqualTo(expected);
        assertThat(lines(CollectorHarness.scrapeFixtures(DiskstatsCollector.SPEC,
                "--collector.diskstats.ignored-devices=^(dm|nvme|sda$|vda)"), "node_disk_io_now")).isEqualTo(expected);
    }

    @Test
    void includeAndExcludeTogetherIsAUsageError() {
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(DiskstatsCollector.SPEC,
                "--collector.diskstats.device-include=sd", "--collector.diskstats.device-exclude=loop"))
                .isInstanceOf(UsageException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void liveCountersLieBetweenTwoReadsOfProcDiskstats() throws Exception {
        var collector = CollectorHarness.build(DiskstatsCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        String before = Files.readString(Path.of("/proc/diskstats"));
        String out = CollectorHarness.scrape(collector);
        String after = Files.readString(Path.of("/proc/diskstats"));
        String[] b = firstWholeDisk(before);
        String[] a = firstWholeDisk(after);
        String line = lines(out, "node_disk_reads_completed_total{device=\"" + b[2] + "\"}");
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(value).isBetween(Double.parseDouble(b[3]), Double.parseDouble(a[3]));
        line = lines(out, "node_disk_written_bytes_total{device=\"" + b[2] + "\"}");
        value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(value).isBetween(Double.parseDouble(b[9]) * 512, Double.parseDouble(a[9]) * 512);
        assertThat(out).contains("node_disk_info{device=\"" + b[2] + "\",major=\"" + b[0] + "\"");
    }

    /** The first device the default filter keeps: not loop, ram, zram or a partition. */
    private static String[] firstWholeDisk(String diskstats) {
        for (String l : diskstats.split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (!f[2].matches("^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$")) {
                return f;
            }
        }
        throw new AssertionError("no disk on this machine");
    }
}
