package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;

class CpufreqCollectorTest {
    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(CpufreqCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/cpufreq.prom")));
    }

    /** node_exporter reports success with no samples when sysfs has nothing for it (as on a VM). */
    @Test
    void anEmptySysfsIsSuccessWithoutSamples(@TempDir Path sys) throws Exception {
        assertThat(CollectorHarness.scrape(CollectorHarness.build(CpufreqCollector.SPEC, sys, sys, sys))).isEmpty();
    }

    @Test
    void liveScalingFrequencyOfEveryCpuWithCpufreq() throws Exception {
        String out = CollectorHarness.scrape(
                CollectorHarness.build(CpufreqCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/")));
        try (var cpus = Files.newDirectoryStream(Path.of("/sys/devices/system/cpu"), "cpu[0-9]*")) {
            for (Path cpu : cpus) {
                Path max = cpu.resolve("cpufreq/scaling_max_freq");
                String n = cpu.getFileName().toString().substring(3);
                if (Files.exists(max)) {
                    assertThat(out).contains("node_cpu_scaling_frequency_max_hertz{cpu=\"" + n + "\"} "
                            + Long.parseLong(Files.readString(max).trim()) * 1000.0 + "\n");
                } else {
                    assertThat(out).doesNotContain("cpu=\"" + n + "\"");
                }
            }
        }
    }
}
