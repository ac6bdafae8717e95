package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.RunningExporter;
import org.nodeprocessexporter.testsupport.Child;

/**
 * process_detail against process-exporter 0.7.10 configured for one group per process
 * ({@code {{.Comm}}_{{.PID}}}): the same groups, and the same gauges for processes that do not move.
 */
class ProcessExporterParityTest {
    private static final long PAGE_SIZE = org.nodeprocessexporter.procfs.SystemConstants.read(Path.of("/proc")).pageSizeBytes();

    @Test
    void sameGroupsAndGaugesAsProcessExporter(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("pe.yml");
        Files.writeString(config, """
                process_names:
                  - name: "{{.Comm}}_{{.PID}}"
                    cmdline:
                    - '.+'
                """);
        List<Child> sleepers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                sleepers.add(Child.renamed(Files.createDirectory(tmp.resolve("d" + i)), "/bin/sleep", "pe-sleep" + i, "300"));
            }
            Exposition theirs;
            Exposition ours;
            try (ReferenceBinaries.Running pe = ReferenceBinaries.start(ReferenceBinaries.PROCESS_EXPORTER,
                    "-web.listen-address", tmp.resolve("pe.log"), "-config.path", config.toString(), "-threads=false");
                 RunningExporter exporter = new RunningExporter("--collector.disable-defaults",
                         "--collector.process_detail")) {
                theirs = Exposition.parse(pe.http.get("/metrics").body());
                ours = Exposition.parse(exporter.metrics());
            }
            Set<String> theirGroups = groups(theirs);
            Set<String> ourGroups = groups(ours);
            Set<String> stillRunning = new TreeSet<>();
            for (String g : theirGroups) {
                String pid = g.substring(g.lastIndexOf('_') + 1);
                if (Files.exists(Path.of("/proc", pid)) && !g.startsWith("prometheus-proc")) {
                    stillRunning.add(g);
                }
            }
            assertThat(ourGroups).containsAll(stillRunning);

            for (Child s : sleepers) {
                String group = "{groupname=\"" + Files.readString(Path.of("/proc/" + s.pid + "/comm")).strip() + "_"
                        + s.pid + "\"";
                // process-exporter cuts the start time to whole seconds; we keep the clock ticks
                String start = "namedprocess_namegroup_oldest_start_time_seconds" + group + "}";
                assertThat(Math.floor(ours.value(start))).as(start).isEqualTo(theirs.value(start));
                for (String family : List.of("num_procs", "num_threads", "open_filedesc", "worst_fd_ratio")) {
                    String key = "namedprocess_namegroup_" + family + group + "}";
                    assertThat(ours.value(key)).as(key).isNotNull().isEqualTo(theirs.value(key));
                }
                for (String memtype : List.of("virtual", "swapped")) {
                    String key = "namedprocess_namegroup_memory_bytes" + group + ",memtype=\"" + memtype + "\"}";
                    assertThat(ours.value(key)).as(key).isNotNull().isEqualTo(theirs.value(key));
                }
                // resident: process-exporter takes stat's rss, which kernels 6.2 and later give from
                // per-CPU counters without summing them; we take status's VmRSS, the exact sum (the
                // same number on older kernels). sleep's memory does not move, so both are exact.
                String resident = "namedprocess_namegroup_memory_bytes" + group + ",memtype=\"resident\"}";
                String status = Files.readString(Path.of("/proc/" + s.pid + "/status"));
                String vmRss = status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
                assertThat(ours.value(resident)).as(resident)
                        .isEqualTo(Double.parseDouble(vmRss.substring(6).trim().split("\\s+")[0]) * 1024);
                String stat = Files.readString(Path.of("/proc/" + s.pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                assertThat(theirs.value(resident)).as(resident)
                        .isEqualTo(Double.parseDouble(fields[21]) * PAGE_SIZE);
                String pss = "namedprocess_namegroup_memory_bytes" + group + ",memtype=\"proportionalResident\"}";
                assertThat(ours.value(pss)).as(pss).isNotNull().isPositive();
                // sleep never runs after start-up: its kernel totals are what process-exporter saw too
                String cpu = "namedprocess_namegroup_cpu_seconds_total" + group + ",mode=\"user\"}";
                assertThat(ours.value(cpu)).isNotNull();
                // process-exporter counts one state more than there are threads; we count each thread once
                double states = 0;
                for (String st : List.of("Running", "Sleeping", "Waiting", "Zombie", "Other")) {
                    states += ours.value("namedprocess_namegroup_states" + group + ",state=\"" + st + "\"}");
                }
                assertThat(states).isEqualTo(ours.value("namedprocess_namegroup_num_threads" + group + "}"));
            }
        } finally {
            for (Child s : sleepers) {
                s.close();
            }
        }
    }

    private static Set<String> groups(Exposition e) {
        Set<String> out = new TreeSet<>();
        for (String key : e.family("namedprocess_namegroup_num_procs").keySet()) {
            int start = key.indexOf("groupname=\"") + "groupname=\"".length();
            out.add(key.substring(start, key.indexOf('"', start)));
        }
        return out;
    }
}
