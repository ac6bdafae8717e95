package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.RunningExporter;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.ProcWait;

/**
 * How groups come and go, side by side with process-exporter 0.7.10 where it has the behaviour: a
 * named group whose processes exit stays with {@code num_procs 0} and its counters frozen, and
 * {@code -recheck} names a process that only matches after an exec. Where we deliberately differ
 * (a group named by pid goes with its process; no year-1 start time for an empty group) or 0.7.10
 * lacks the flag ({@code -remove-empty-groups}, 0.8's), the test says so.
 */
class ProcessExporterGroupsParityTest {
    private static final List<String> COUNTERS = List.of(
            "cpu_seconds_total{groupname=\"pe-named\",mode=\"user\"}",
            "cpu_seconds_total{groupname=\"pe-named\",mode=\"system\"}",
            "minor_page_faults_total{groupname=\"pe-named\"}",
            "major_page_faults_total{groupname=\"pe-named\"}",
            "read_bytes_total{groupname=\"pe-named\"}",
            "write_bytes_total{groupname=\"pe-named\"}",
            "context_switches_total{ctxswitchtype=\"voluntary\",groupname=\"pe-named\"}",
            "context_switches_total{ctxswitchtype=\"nonvoluntary\",groupname=\"pe-named\"}");

    private static String procs(String group) {
        return "namedprocess_namegroup_num_procs{groupname=\"" + group + "\"}";
    }

    @Test
    void aNamedGroupWhoseProcessesExitStaysWithFrozenTotals(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("pe.yml");
        Files.writeString(config, """
                process_names:
                  - name: "{{.Comm}}"
                    comm: [pe-named]
                  - name: "{{.Comm}}_{{.PID}}"
                    comm: [pe-single]
                """);
        List<Child> children = new ArrayList<>();
        try (ReferenceBinaries.Running pe = ReferenceBinaries.start(ReferenceBinaries.PROCESS_EXPORTER,
                "-web.listen-address", tmp.resolve("pe.log"), "-config.path", config.toString(), "-threads=false");
             RunningExporter ours = new RunningExporter("--collector.disable-defaults", "--collector.process_detail",
                     "--collector.process_detail.config.path=" + config);
             RunningExporter removing = new RunningExporter("--collector.disable-defaults",
                     "--collector.process_detail", "--collector.process_detail.config.path=" + config,
                     "--collector.process_detail.remove-empty-groups")) {
            for (int i = 0; i < 2; i++) {
                // a shell that burns some CPU on its first line of input, then waits for the next
                children.add(Child.renamed(Files.createDirectory(tmp.resolve("n" + i)), "/bin/sh", "pe-named", "-c",
                        "read x; i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; read y"));
            }
            Child single = Child.renamed(Files.createDirectory(tmp.resolve("s")), "/bin/sleep", "pe-single", "300");
            children.add(single);
            Exposition theirsFirst = Exposition.parse(pe.http.get("/metrics").body());
            assertThat(theirsFirst.value(procs("pe-named"))).isEqualTo(2.0);
            for (Child c : children.subList(0, 2)) {
                c.say("go");
            }
            for (Child c : children.subList(0, 2)) {
                ProcWait.untilIdle(c.pid, true);
            }
            Exposition theirsRunning = Exposition.parse(pe.http.get("/metrics").body());
            Exposition oursRunning = Exposition.parse(ours.metrics());
            Exposition removingRunning = Exposition.parse(removing.metrics());
            for (Exposition e : List.of(theirsRunning, oursRunning, removingRunning)) {
                assertThat(e.value(procs("pe-named"))).isEqualTo(2.0);
                assertThat(e.value(procs("pe-single_" + single.pid))).isEqualTo(1.0);
                double cpu = e.value("namedprocess_namegroup_cpu_seconds_total{groupname=\"pe-named\",mode=\"user\"}")
                        + e.value("namedprocess_namegroup_cpu_seconds_total{groupname=\"pe-named\",mode=\"system\"}");
                assertThat(cpu).as("the loops' CPU").isPositive();
            }
            for (Child c : children) {
                c.close();
            }
            for (int round = 0; round < 2; round++) {
                Exposition theirs = Exposition.parse(pe.http.get("/metrics").body());
                Exposition mine = Exposition.parse(ours.metrics());
                for (Exposition e : List.of(theirs, mine)) {
                    assertThat(e.value(procs("pe-named"))).isEqualTo(0.0);
                    for (String m : List.of("num_threads{groupname=\"pe-named\"}",
                            "open_filedesc{groupname=\"pe-named\"}", "worst_fd_ratio{groupname=\"pe-named\"}",
                            "memory_bytes{groupname=\"pe-named\",memtype=\"resident\"}",
                            "memory_bytes{groupname=\"pe-named\",memtype=\"virtual\"}",
                            "memory_bytes{groupname=\"pe-named\",memtype=\"swapped\"}",
                            "states{groupname=\"pe-named\",state=\"Sleeping\"}")) {
                        assertThat(e.value("namedprocess_namegroup_" + m)).as(m).isEqualTo(0.0);
                    }
                }
                for (String counter : COUNTERS) {
                    String key = "namedprocess_namegroup_" + counter;
                    assertThat(theirs.value(key)).as("theirs " + counter).isEqualTo(theirsRunning.value(key));
                    assertThat(mine.value(key)).as("ours " + counter).isEqualTo(oursRunning.value(key));
                }
                // differences: process-exporter keeps a group named by pid forever and gives an empty
                // group a start time of year 1; we drop the first and leave the second out
                assertThat(theirs.value(procs("pe-single_" + single.pid))).isEqualTo(0.0);
                assertThat(mine.value(procs("pe-single_" + single.pid))).isNull();
                assertThat(theirs.value("namedprocess_namegroup_oldest_start_time_seconds{groupname=\"pe-named\"}"))
                        .isEqualTo(-62135596800.0);
                assertThat(mine.value("namedprocess_namegroup_oldest_start_time_seconds{groupname=\"pe-named\"}"))
                        .isNull();
                // 0.8's -remove-empty-groups, which 0.7.10 does not have
                Exposition removed = Exposition.parse(removing.metrics());
                assertThat(removed.value(procs("pe-named"))).isNull();
                assertThat(removed.family("namedprocess_namegroup_num_procs")).isEmpty();
            }
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
    }

    @Test
    void recheckNamesAProcessThatMatchesOnlyAfterAnExec(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("pe.yml");
        Files.writeString(config, "process_names:\n  - name: \"{{.Comm}}\"\n    comm: [pe-after]\n");
        Path after = tmp.resolve("pe-after");
        Files.copy(Path.of("/bin/sleep"), after);
        after.toFile().setExecutable(true);
        try (Child sh = Child.renamed(tmp, "/bin/sh", "pe-before", "-c", "read x; exec " + after + " 300");
             ReferenceBinaries.Running plainPe = ReferenceBinaries.start(ReferenceBinaries.PROCESS_EXPORTER,
                     "-web.listen-address", tmp.resolve("pe.log"), "-config.path", config.toString());
             ReferenceBinaries.Running recheckPe = ReferenceBinaries.start(ReferenceBinaries.PROCESS_EXPORTER,
                     "-web.listen-address", tmp.resolve("pe-recheck.log"), "-config.path", config.toString(),
                     "-recheck");
             RunningExporter plain = new RunningExporter("--collector.disable-defaults", "--collector.process_detail",
                     "--collector.process_detail.config.path=" + config);
             RunningExporter recheck = new RunningExporter("--collector.disable-defaults",
                     "--collector.process_detail", "--collector.process_detail.config.path=" + config,
                     "--collector.process_detail.recheck")) {
            List<String> before = List.of(plainPe.http.get("/metrics").body(), recheckPe.http.get("/metrics").body(),
                    plain.metrics(), recheck.metrics());
            for (String text : before) {
                assertThat(Exposition.parse(text).value(procs("pe-after"))).isNull();
            }
            sh.say("go");
            ProcWait.untilComm(sh.pid, "pe-after");
            assertThat(Exposition.parse(plainPe.http.get("/metrics").body()).value(procs("pe-after"))).isNull();
            assertThat(Exposition.parse(plain.metrics()).value(procs("pe-after"))).isNull();
            assertThat(Exposition.parse(recheckPe.http.get("/metrics").body()).value(procs("pe-after"))).isEqualTo(1.0);
            assertThat(Exposition.parse(recheck.metrics()).value(procs("pe-after"))).isEqualTo(1.0);
        }
    }

    /** threads_wchan of sleeping single-threaded processes: the same counts (with our --threads). */
    @Test
    void threadsWchanCountsAsProcessExporterCountsThem(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("pe.yml");
        Files.writeString(config, "process_names:\n  - name: pe-wchan\n    comm: [pe-wchan]\n");
        List<Child> sleepers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                sleepers.add(Child.renamed(Files.createDirectory(tmp.resolve("w" + i)), "/bin/sleep", "pe-wchan", "300"));
            }
            for (Child c : sleepers) {
                ProcWait.untilIdle(c.pid, false);
            }
            try (ReferenceBinaries.Running pe = ReferenceBinaries.start(ReferenceBinaries.PROCESS_EXPORTER,
                    "-web.listen-address", tmp.resolve("pe.log"), "-config.path", config.toString());
                 RunningExporter ours = new RunningExporter("--collector.disable-defaults",
                         "--collector.process_detail", "--collector.process_detail.config.path=" + config,
                         "--collector.process_detail.threads")) {
                java.util.Map<String, Double> theirs = Exposition.parse(pe.http.get("/metrics").body())
                        .family("namedprocess_namegroup_threads_wchan");
                assertThat(theirs).hasSize(1).containsValue(3.0);
                assertThat(Exposition.parse(ours.metrics()).family("namedprocess_namegroup_threads_wchan"))
                        .isEqualTo(theirs);
            }
        } finally {
            for (Child c : sleepers) {
                c.close();
            }
        }
    }
}
