package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** The sorted thread array of a process: lookups, inserts in any order, retiring. */
class TrackedProcessThreadsTest {

    @Property(tries = 300)
    void threadsAreFoundKeptInOrderAndRetiredIntoTheTotals(
            @ForAll @Size(max = 60) @UniqueElements List<@IntRange(min = 1, max = 5000) Integer> tids,
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 5000) Integer> stillSeen) {
        TrackedProcess p = new TrackedProcess(1, 0, 0, null, "root", 0);
        for (int tid : tids) {
            ThreadCounters t = p.thread(tid);
            assertThat(p.thread(tid)).isSameAs(t);
            t.voluntary = tid;
            t.seenInScrape = 1;
        }
        assertThat(p.threadCount).isEqualTo(tids.size());
        for (int i = 1; i < p.threadCount; i++) {
            assertThat(p.threads[i - 1].tid).isLessThan(p.threads[i].tid);
        }
        for (int tid : tids) {
            assertThat(p.knownThread(tid).voluntary).isEqualTo(tid);
        }
        assertThat(p.knownThread(0)).isNull();
        assertThat(p.knownThread(5001)).isNull();

        Set<Integer> seen = Set.copyOf(stillSeen);
        long total = p.voluntarySwitches();
        List<Integer> kept = new ArrayList<>();
        for (int tid : tids) {
            if (seen.contains(tid)) {
                p.knownThread(tid).seenInScrape = 2;
                kept.add(tid);
            }
        }
        p.retireThreads(2, false);
        assertThat(p.threadCount).isEqualTo(kept.size());
        for (int tid : tids) {
            assertThat(p.knownThread(tid) != null).isEqualTo(seen.contains(tid));
        }
        // an exited thread's switches stay in the process's total
        assertThat(p.voluntarySwitches()).isEqualTo(total);
    }
}
