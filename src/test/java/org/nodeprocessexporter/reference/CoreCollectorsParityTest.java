package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.RunningExporter;

/**
 * loadavg, meminfo, uname and time against what the test reads itself and against node_exporter
 * 1.5 run side by side with the same collectors.
 */
class CoreCollectorsParityTest {
    private static final String[] COLLECTORS = {"--collector.disable-defaults", "--collector.loadavg",
            "--collector.meminfo", "--collector.uname", "--collector.time"};

    @Test
    void valuesEqualWhatProcAndUnameSay() throws Exception {
        String before = Files.readString(Path.of("/proc/loadavg"));
        Exposition ours;
        try (RunningExporter exporter = new RunningExporter(COLLECTORS)) {
            ours = Exposition.parse(exporter.metrics());
        }
        String after = Files.readString(Path.of("/proc/loadavg"));
        assertThat(ours.value("node_load1")).isIn(Double.parseDouble(before.split(" ")[0]),
                Double.parseDouble(after.split(" ")[0]));
        assertThat(ours.value("node_load15")).isIn(Double.parseDouble(before.split(" ")[2]),
                Double.parseDouble(after.split(" ")[2]));

        Map<String, Double> meminfo = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            String[] parts = line.split(":\\s+|\\s+");
            String name = parts[0].replace("(", "_").replace(")", "");
            boolean kb = line.endsWith(" kB");
            meminfo.put("node_memory_" + name + (kb ? "_bytes" : ""), Double.parseDouble(parts[1]) * (kb ? 1024 : 1));
        }
        for (var e : meminfo.entrySet()) {
            assertThat(ours.series).containsKey(e.getKey());
        }
        assertThat(ours.value("node_memory_MemTotal_bytes")).isEqualTo(meminfo.get("node_memory_MemTotal_bytes"));
        assertThat(ours.value("node_memory_SwapTotal_bytes")).isEqualTo(meminfo.get("node_memory_SwapTotal_bytes"));

        String info = ours.family("node_uname_info").keySet().iterator().next();
        assertThat(info).contains("sysname=\"" + uname("-s") + "\"").contains("release=\"" + uname("-r") + "\"")
                .contains("version=\"" + uname("-v") + "\"").contains("machine=\"" + uname("-m") + "\"")
                .contains("nodename=\"" + uname("-n") + "\"");
        assertThat(ours.value("node_time_seconds")).isCloseTo(System.currentTimeMillis() / 1000.0, within(30.0));
    }

    @Test
    void sameFamiliesLabelsAndValuesAsNodeExporter(@TempDir Path tmp) throws Exception {
        SideBySide.Scrapes scrapes = SideBySide.scrape(tmp, List.of(COLLECTORS), List.of(), List.of());
        Exposition theirs = scrapes.theirs();
        Exposition ours = scrapes.ours();
        for (String family : theirs.types.keySet()) {
            if (!family.startsWith("node_") || family.equals("node_exporter_build_info")) {
                continue;
            }
            assertThat(ours.types).as("family " + family).containsEntry(family, theirs.types.get(family));
            assertThat(ours.labelNames.get(family)).as("labels of " + family).isEqualTo(theirs.labelNames.get(family));
        }
        for (String constant : List.of("node_memory_MemTotal_bytes", "node_memory_SwapTotal_bytes",
                "node_memory_HugePages_Total", "node_memory_Hugepagesize_bytes", "node_memory_VmallocTotal_bytes")) {
            assertThat(ours.value(constant)).as(constant).isEqualTo(theirs.value(constant));
        }
        assertThat(ours.value("node_memory_MemAvailable_bytes"))
                .isCloseTo(theirs.value("node_memory_MemAvailable_bytes"),
                        within(theirs.value("node_memory_MemTotal_bytes") * 0.1));
        assertThat(ours.family("node_uname_info")).isEqualTo(theirs.family("node_uname_info"));
        assertThat(ours.family("node_time_zone_offset_seconds")).isEqualTo(theirs.family("node_time_zone_offset_seconds"));
        assertThat(ours.family("node_time_clocksource_available_info"))
                .isEqualTo(theirs.family("node_time_clocksource_available_info"));
        assertThat(ours.family("node_time_clocksource_current_info"))
                .isEqualTo(theirs.family("node_time_clocksource_current_info"));
        assertThat(ours.value("node_load15")).isCloseTo(theirs.value("node_load15"), within(0.5));
        assertThat(ours.value("node_time_seconds")).isCloseTo(theirs.value("node_time_seconds"), within(10.0));
        assertThat(ours.family("node_scrape_collector_success").keySet())
                .isEqualTo(theirs.family("node_scrape_collector_success").keySet());
    }

    private static String uname(String flag) throws Exception {
        return ReferenceBinaries.run(List.of("uname", flag), null).output().strip();
    }
}
