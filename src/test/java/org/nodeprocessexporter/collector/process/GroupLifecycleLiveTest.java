package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.ProcWait;

/**
 * When groups come and go, on this machine's /proc: process-exporter 0.8.7's semantics (named
 * groups stay empty, {@code remove-empty-groups}, {@code recheck}, {@code procnames}), groups of one
 * process that always go, and groups declared before their first process.
 */
class GroupLifecycleLiveTest {
    @AfterEach
    void closeCollectors() {
        CollectorHarness.closeAll();
    }

    private static Collector collector(String... flags) throws Exception {
        return CollectorHarness.build(ProcessDetailCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"), flags);
    }

    private static Exposition scrape(Collector c) throws Exception {
        return Exposition.parse(CollectorHarness.scrape(c));
    }

    private static Path config(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("names.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String procs(String group) {
        return "namedprocess_namegroup_num_procs{groupname=\"" + group + "\"}";
    }

    @Test
    void aNamedGroupStaysEmptyUnlessEmptyGroupsAreRemovedAndAGroupOfOneProcessAlwaysGoes(@TempDir Path dir)
            throws Exception {
        Path names = config(dir, """
                process_names:
                  - name: "{{.Comm}}"
                    comm: [pd-named]
                  - name: "{{.Comm}}_{{.PID}}"
                    comm: [pd-single]
                  - name: "{{.Comm}}@{{.StartTime}}"
                    comm: [pd-started]
                """);
        Collector keeps = collector("--collector.process_detail.config.path=" + names);
        Collector removes = collector("--collector.process_detail.config.path=" + names,
                "--collector.process_detail.remove-empty-groups");
        Child named = Child.renamed(Files.createDirectory(dir.resolve("a")), "/bin/sleep", "pd-named", "60");
        Child single = Child.renamed(Files.createDirectory(dir.resolve("b")), "/bin/sleep", "pd-single", "60");
        Child started = Child.renamed(Files.createDirectory(dir.resolve("c")), "/bin/sleep", "pd-started", "60");
        String singleGroup = "pd-single_" + single.pid;
        for (Collector c : List.of(keeps, removes)) {
            Exposition e = scrape(c);
            assertThat(e.value(procs("pd-named"))).isEqualTo(1.0);
            assertThat(e.value(procs(singleGroup))).isEqualTo(1.0);
            assertThat(e.family("namedprocess_namegroup_num_procs").keySet()).anyMatch(k -> k.contains("pd-started@"));
        }
        named.close();
        single.close();
        started.close();
        Exposition kept = scrape(keeps);
        assertThat(kept.value(procs("pd-named"))).isEqualTo(0.0);
        assertThat(kept.value(procs(singleGroup))).isNull();
        assertThat(kept.family("namedprocess_namegroup_num_procs")).hasSize(1);
        assertThat(scrape(removes).family("namedprocess_namegroup_num_procs")).isEmpty();
        assertThat(scrape(keeps).value(procs("pd-named"))).as("and stays").isEqualTo(0.0);
    }

    @Test
    void aDeclaredGroupIsReportedBeforeItsFirstProcessAndCountsItOnceItRuns(@TempDir Path dir) throws Exception {
        Path names = config(dir, """
                process_names:
                  - name: pd-service
                    comm: [pd-service]
                    expect: true
                  - name: "{{.Comm}}"
                    comm: [pd-worker, pd-never]
                    expect: [pd-worker, pd-never]
                """);
        Collector c = collector("--collector.process_detail.config.path=" + names,
                "--collector.process_detail.remove-empty-groups");
        Exposition before = scrape(c);
        for (String g : List.of("pd-service", "pd-worker", "pd-never")) {
            assertThat(before.value(procs(g))).as(g).isEqualTo(0.0);
            assertThat(before.value("namedprocess_namegroup_cpu_seconds_total{groupname=\"" + g + "\",mode=\"user\"}"))
                    .isEqualTo(0.0);
            assertThat(before.value("namedprocess_namegroup_read_bytes_total{groupname=\"" + g + "\"}")).isEqualTo(0.0);
        }
        assertThat(before.family("namedprocess_namegroup_pid")).isEmpty();
        try (Child service = Child.renamed(Files.createDirectory(dir.resolve("s")), "/bin/sleep", "pd-service", "60");
             Child worker = Child.renamed(Files.createDirectory(dir.resolve("w")), "/bin/sleep", "pd-worker", "60")) {
            Exposition running = scrape(c);
            assertThat(running.value(procs("pd-service"))).isEqualTo(1.0);
            assertThat(running.value("namedprocess_namegroup_pid{groupname=\"pd-service\"}")).isEqualTo((double) service.pid);
            assertThat(running.value(procs("pd-worker"))).isEqualTo(1.0);
            assertThat(running.value(procs("pd-never"))).isEqualTo(0.0);
        }
        // declared groups stay, remove-empty-groups or not
        Exposition after = scrape(c);
        assertThat(after.value(procs("pd-service"))).isEqualTo(0.0);
        assertThat(after.family("namedprocess_namegroup_num_procs")).hasSize(3);
    }

    /**
     * A process is named when first seen. One that no rule named then (here: before it executes the
     * program the rule is about) stays unnamed, unless {@code recheck} names it again each scrape;
     * with a time limit, only while it is younger than the limit.
     */
    @Test
    void recheckNamesAProcessThatMatchesOnlyAfterAnExec(@TempDir Path dir) throws Exception {
        Path names = config(dir, "process_names:\n  - name: \"{{.Comm}}\"\n    comm: [pd-after]\n");
        Path after = dir.resolve("pd-after");
        Files.copy(Path.of("/bin/sleep"), after);
        after.toFile().setExecutable(true);
        String flag = "--collector.process_detail.config.path=" + names;
        Collector plain = collector(flag);
        Collector recheck = collector(flag, "--collector.process_detail.recheck");
        Collector young = collector(flag, "--collector.process_detail.recheck-with-time-limit=1h");
        Collector old = collector(flag, "--collector.process_detail.recheck-with-time-limit=1ms");
        try (Child sh = Child.renamed(dir, "/bin/sh", "pd-before", "-c", "read x; exec " + after + " 60")) {
            for (Collector c : List.of(plain, recheck, young, old)) {
                assertThat(scrape(c).value(procs("pd-after"))).isNull();
            }
            Thread.sleep(5); // older than the 1 ms limit by any clock
            sh.say("go");
            ProcWait.untilComm(sh.pid, "pd-after");
            assertThat(scrape(plain).value(procs("pd-after"))).isNull();
            assertThat(scrape(old).value(procs("pd-after"))).isNull();
            assertThat(scrape(recheck).value(procs("pd-after"))).isEqualTo(1.0);
            Exposition e = scrape(young);
            assertThat(e.value(procs("pd-after"))).isEqualTo(1.0);
            assertThat(e.value("namedprocess_namegroup_pid{groupname=\"pd-after\"}")).isEqualTo((double) sh.pid);
            assertThat(e.value("namedprocess_namegroup_open_filedesc{groupname=\"pd-after\"}")).isPositive();
        }
    }

    @Test
    void procnamesAndNamemappingNameByCommAndArguments(@TempDir Path dir) throws Exception {
        try (Child a = Child.renamed(Files.createDirectory(dir.resolve("a")), "/bin/sleep", "pd-plain", "61");
             Child b = Child.renamed(Files.createDirectory(dir.resolve("b")), "/bin/sleep", "pd-mapped", "62")) {
            Exposition e = scrape(collector("--collector.process_detail.procnames=pd-plain,pd-mapped",
                    "--collector.process_detail.namemapping=pd-mapped, (6\\d)$"));
            assertThat(e.value(procs("pd-plain"))).isEqualTo(1.0);
            assertThat(e.value(procs("pd-mapped:62"))).isEqualTo(1.0);
            assertThat(e.family("namedprocess_namegroup_num_procs")).hasSize(2);
        }
        assertThatThrownBy(() -> collector("--collector.process_detail.procnames=a",
                "--collector.process_detail.config.path=" + config(dir, "process_names: []\n")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--collector.process_detail.config.path cannot be used with "
                        + "--collector.process_detail.namemapping or --collector.process_detail.procnames");
        assertThatThrownBy(() -> collector("--collector.process_detail.namemapping=a"))
                .hasMessage("invalid value for flag --collector.process_detail.namemapping: bad namemapping: odd number of tokens");
    }
}
