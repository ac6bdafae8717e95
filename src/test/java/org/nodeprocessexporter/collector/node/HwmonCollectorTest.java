package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.NoDataException;
import org.nodeprocessexporter.sysfs.Hwmon;

class HwmonCollectorTest {
    private static String lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).collect(Collectors.joining("\n"));
    }

    @Test
    void goldenOutputOverTheFixtures() throws Exception {
        assertThat(CollectorHarness.scrapeFixtures(HwmonCollector.SPEC))
                .isEqualTo(Files.readString(Path.of("src/test/resources/expected/hwmon.prom")));
    }

    @Test
    void sensorFileNamesSplitLikeUpstream() {
        assertThat(Hwmon.explode("temp1_crit_alarm")).containsExactly("temp", "1", "crit_alarm");
        assertThat(Hwmon.explode("update_interval")).containsExactly("update_interval", "0", "");
        assertThat(Hwmon.explode("pwm1")).containsExactly("pwm", "1", "");
        assertThat(Hwmon.clean("__Package id 0\n")).isEqualTo("package_id_0");
    }

    @Test
    void chipAndSensorFilters() throws Exception {
        String out = CollectorHarness.scrapeFixtures(HwmonCollector.SPEC, "--collector.hwmon.chip-exclude=^nct",
                "--collector.hwmon.sensor-include=^platform_coretemp_0;temp[12]$");
        assertThat(lines(out, "node_hwmon_temp_celsius")).isEqualTo("""
                node_hwmon_temp_celsius{chip="platform_coretemp_0",sensor="temp1"} 55.0
                node_hwmon_temp_celsius{chip="platform_coretemp_0",sensor="temp2"} 54.0""");
        assertThat(out).doesNotContain("nct6779\",sensor");
        assertThatThrownBy(() -> CollectorHarness.scrapeFixtures(HwmonCollector.SPEC,
                "--collector.hwmon.chip-exclude=a", "--collector.hwmon.chip-include=b"))
                .isInstanceOf(UsageException.class);
    }

    /** Like node_exporter: no /sys/class/hwmon (this VM) is "no data", success 0. */
    @Test
    void noHwmonClassIsNoData(@TempDir Path sys) throws Exception {
        var c = CollectorHarness.build(HwmonCollector.SPEC, sys, sys, sys);
        assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
    }

    @Test
    void liveChipsMatchSysfs() throws Exception {
        var c = CollectorHarness.build(HwmonCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"));
        if (!Files.isDirectory(Path.of("/sys/class/hwmon"))) {
            assertThatThrownBy(() -> CollectorHarness.scrape(c)).isInstanceOf(NoDataException.class);
            return;
        }
        String out = CollectorHarness.scrape(c);
        try (var ds = Files.newDirectoryStream(Path.of("/sys/class/hwmon"))) {
            for (Path chip : ds) {
                Path name = chip.resolve("name");
                if (Files.exists(name)) {
                    assertThat(out).contains("chip_name=\"" + Hwmon.clean(Files.readString(name)) + "\"");
                }
            }
        }
    }
}
