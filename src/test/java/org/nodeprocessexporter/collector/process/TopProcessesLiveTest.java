package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.ProcWait;

/**
 * {@code --collector.process_detail.top-processes} over 300 children of two comms, five of them
 * made busy between two scrapes: exactly N groups of one process, one folded group per comm, and
 * the counters adding up to what the groups without the selection add up to.
 */
class TopProcessesLiveTest {
    private static final int CHILDREN = 300;
    private static final int BUSY = 5;
    private static final int TOP = 10;
    private static final List<String> COUNTERS = List.of("namedprocess_namegroup_cpu_seconds_total",
            "namedprocess_namegroup_minor_page_faults_total", "namedprocess_namegroup_major_page_faults_total",
            "namedprocess_namegroup_context_switches_total");

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        CollectorHarness.closeAll();
        for (Process p : children) {
            p.destroy();
        }
        for (Process p : children) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void nGroupsOfOneProcessAndOneFoldedGroupPerCommWithTheSameTotals(@TempDir Path dir) throws Exception {
        for (String comm : List.of("pd-top-a", "pd-top-b")) {
            Files.copy(Path.of("/bin/sh"), dir.resolve(comm));
            dir.resolve(comm).toFile().setExecutable(true);
        }
        for (int i = 0; i < CHILDREN; i++) {
            // burns some CPU on its first line of input, then waits for the next
            children.add(new ProcessBuilder(dir.resolve(i % 2 == 0 ? "pd-top-a" : "pd-top-b").toString(), "-c",
                    "read x; i=0; while [ $i -lt 60000 ]; do i=$((i+1)); done; read y").start());
        }
        for (Process p : children) {
            ProcWait.untilIdle(p.pid(), false);
        }
        Path names = dir.resolve("names.yml");
        Files.writeString(names, "process_names:\n  - name: \"{{.Comm}}_{{.PID}}\"\n    comm: [pd-top-a, pd-top-b]\n");
        String config = "--collector.process_detail.config.path=" + names;
        Collector top = CollectorHarness.build(ProcessDetailCollector.SPEC, Path.of("/proc"), Path.of("/sys"),
                Path.of("/"), config, "--collector.process_detail.top-processes=" + TOP);
        Collector all = CollectorHarness.build(ProcessDetailCollector.SPEC, Path.of("/proc"), Path.of("/sys"),
                Path.of("/"), config);

        Exposition top1 = scrape(top);
        Exposition all1 = scrape(all);
        assertShape(top1);
        assertThat(all1.family("namedprocess_namegroup_num_procs")).hasSize(CHILDREN);
        for (String counter : COUNTERS) {
            assertThat(sum(top1, counter)).as(counter).isEqualTo(sum(all1, counter));
        }
        // gauges of idle processes that do not move (shared pages' Pss does, as the others start)
        for (String gauge : List.of("namedprocess_namegroup_num_threads", "namedprocess_namegroup_open_filedesc")) {
            assertThat(sum(top1, gauge)).as(gauge).isEqualTo(sum(all1, gauge));
        }
        assertThat(sum(top1, "namedprocess_namegroup_memory_bytes", "memtype=\"virtual\""))
                .isEqualTo(sum(all1, "namedprocess_namegroup_memory_bytes", "memtype=\"virtual\""));

        List<Process> busy = new ArrayList<>();
        for (int i = 0; i < BUSY; i++) {
            Process p = children.get(7 + i * 41);
            busy.add(p);
            p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        }
        for (Process p : busy) {
            ProcWait.untilIdle(p.pid(), true);
        }
        Exposition top2 = scrape(top);
        Exposition all2 = scrape(all);
        assertShape(top2);
        // the busiest since the last scrape keep their own group (half of the N go by CPU)
        Set<String> single = singleGroups(top2);
        for (Process p : busy) {
            assertThat(single).anyMatch(g -> g.endsWith("_" + p.pid()));
        }
        // what every group's counters went up by, series present in both scrapes, is the same:
        // the folded groups count their processes' increments, not their totals
        for (String counter : COUNTERS) {
            assertThat(increase(top1, top2, counter)).as(counter).isEqualTo(increase(all1, all2, counter))
                    .isGreaterThanOrEqualTo(0);
        }
        assertThat(increase(top1, top2, "namedprocess_namegroup_cpu_seconds_total")).isPositive();
        for (String folded : List.of("pd-top-a", "pd-top-b")) {
            for (String counter : COUNTERS) {
                for (Map.Entry<String, Double> e : top2.family(counter).entrySet()) {
                    if (e.getKey().contains("groupname=\"" + folded + "\"")) {
                        assertThat(e.getValue()).as(e.getKey()).isGreaterThanOrEqualTo(top1.value(e.getKey()));
                    }
                }
            }
        }
    }

    private static void assertShape(Exposition e) {
        Map<String, Double> procs = e.family("namedprocess_namegroup_num_procs");
        assertThat(singleGroups(e)).hasSize(TOP);
        Set<String> folded = new TreeSet<>();
        double total = 0;
        for (Map.Entry<String, Double> en : procs.entrySet()) {
            String g = group(en.getKey());
            if (!g.matches(".*_\\d+")) {
                folded.add(g);
            }
            total += en.getValue();
        }
        assertThat(folded).containsExactly("pd-top-a", "pd-top-b");
        assertThat(total).isEqualTo(CHILDREN);
        assertThat(e.family("namedprocess_namegroup_pid")).hasSize(TOP + 2);
    }

    private static Set<String> singleGroups(Exposition e) {
        Set<String> out = new TreeSet<>();
        for (String key : e.family("namedprocess_namegroup_num_procs").keySet()) {
            if (group(key).matches(".*_\\d+")) {
                out.add(group(key));
            }
        }
        return out;
    }

    private static String group(String key) {
        int start = key.indexOf("groupname=\"") + "groupname=\"".length();
        return key.substring(start, key.indexOf('"', start));
    }

    private static double sum(Exposition e, String family) {
        return sum(e, family, "");
    }

    private static double sum(Exposition e, String family, String label) {
        double sum = e.family(family).entrySet().stream().filter(en -> en.getKey().contains(label))
                .mapToDouble(Map.Entry::getValue).sum();
        return Math.round(sum * 100) / 100.0; // CPU seconds are ticks: no float noise
    }

    /** The increase of a family's series that are in both scrapes, added up. */
    private static double increase(Exposition before, Exposition after, String family) {
        Map<String, Double> old = new HashMap<>(before.family(family));
        double sum = 0;
        for (Map.Entry<String, Double> e : after.family(family).entrySet()) {
            Double was = old.get(e.getKey());
            if (was != null) {
                sum += e.getValue() - was;
            }
        }
        return Math.round(sum * 100) / 100.0; // CPU seconds are ticks: no float noise
    }

    private static Exposition scrape(Collector c) throws Exception {
        return Exposition.parse(CollectorHarness.scrape(c));
    }
}
