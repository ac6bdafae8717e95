package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The top-processes selection over rows made by hand: who is kept, and the folded groups' counters. */
class TopProcessesTest {
    private final Map<String, Group> groups = new TreeMap<>();

    /** A group of one process: {@code utime} ticks of CPU in all, {@code rss} bytes. */
    private GroupRow single(String comm, int pid, long utime, long rss) {
        Group g = groups.computeIfAbsent(comm + "_" + pid, n -> new Group(n, true, false, comm));
        GroupRow r = new GroupRow(g);
        r.procs = 1;
        r.oldestPid = pid;
        r.oldestStart = pid;
        r.utime = utime;
        r.minflt = utime * 10;
        r.rss = rss;
        r.anyIo = true;
        return r;
    }

    private static Map<String, GroupRow> byName(List<GroupRow> rows) {
        Map<String, GroupRow> out = new TreeMap<>();
        for (GroupRow r : rows) {
            assertThat(out.put(r.group.value(), r)).as("one row per name").isNull();
        }
        return out;
    }

    @Test
    void keepsInTurnsTheMostCpuAndTheMostMemoryAndFoldsTheRestByComm() {
        TopProcesses top = new TopProcesses(3, false, true);
        List<GroupRow> rows = new ArrayList<>();
        rows.add(single("a", 1, 100, 10));
        rows.add(single("a", 2, 90, 20));
        rows.add(single("b", 3, 1, 1000));
        rows.add(single("b", 4, 0, 500));
        rows.add(single("c", 5, 5, 5));
        Group named = new Group("named", false, false, "x");
        GroupRow other = new GroupRow(named);
        other.procs = 2;
        rows.add(other);
        Map<String, GroupRow> out = byName(top.select(rows));
        // CPU: a_1, memory: b_3, CPU: a_2
        assertThat(out.keySet()).containsExactly("a_1", "a_2", "b", "b_3", "c", "named");
        assertThat(out.get("b").procs).isEqualTo(1);
        assertThat(out.get("b").utime).isZero();
        assertThat(out.get("b").rss).isEqualTo(500);
        assertThat(out.get("c").utime).isEqualTo(5);
        assertThat(out.get("named")).isSameAs(other);
    }

    @Test
    void foldedCountersGrowByIncrementsOnlyAndStayWhenTheirProcessesAreGone() {
        TopProcesses top = new TopProcesses(1, false, true);
        // scrape 1: x_1 kept (CPU), x_2 and x_3 folded with their totals
        Map<String, GroupRow> one = byName(top.select(List.of(single("x", 1, 50, 1), single("x", 2, 10, 1),
                single("x", 3, 20, 1))));
        assertThat(one.keySet()).containsExactly("x", "x_1");
        assertThat(one.get("x").utime).isEqualTo(30);
        // scrape 2: x_2 ran the most since; it is kept now, x_1 folded: the fold adds x_1's and x_2's
        // increments (x_2's own series starts over from its totals), not x_1's total
        Map<String, GroupRow> two = byName(top.select(List.of(single("x", 1, 51, 1), single("x", 2, 40, 1),
                single("x", 3, 20, 1))));
        assertThat(two.keySet()).containsExactly("x", "x_2");
        assertThat(two.get("x").utime).isEqualTo(30 + 1 + 30);
        assertThat(two.get("x").procs).isEqualTo(2);
        // scrape 3: all gone; the folded group stays with its counters
        Map<String, GroupRow> three = byName(top.select(List.of()));
        assertThat(three.keySet()).containsExactly("x");
        assertThat(three.get("x").utime).isEqualTo(61);
        assertThat(three.get("x").minflt).isEqualTo(610);
        assertThat(three.get("x").procs).isZero();
        assertThat(three.get("x").anyFds).isTrue();

        TopProcesses removing = new TopProcesses(1, true, true);
        removing.select(List.of(single("y", 1, 5, 1), single("y", 2, 1, 1)));
        assertThat(removing.select(List.of())).isEmpty();
    }

    @Test
    void aFoldedGroupNamedLikeAGroupOfTheRulesIsOneRow() {
        TopProcesses top = new TopProcesses(1, false, true);
        GroupRow named = new GroupRow(new Group("bash", false, false, "bash"));
        named.procs = 1;
        named.utime = 7;
        Map<String, GroupRow> out = byName(top.select(List.of(named, single("bash", 10, 100, 1),
                single("bash", 11, 3, 1))));
        assertThat(out.keySet()).containsExactly("bash", "bash_10");
        assertThat(out.get("bash").procs).isEqualTo(2);
        assertThat(out.get("bash").utime).isEqualTo(10);
    }

    @Test
    void fewerGroupsThanTheLimitAreAllKept() {
        TopProcesses top = new TopProcesses(5, false, true);
        assertThat(byName(top.select(List.of(single("z", 1, 1, 1), single("z", 2, 1, 1)))).keySet())
                .containsExactly("z_1", "z_2");
    }
}
