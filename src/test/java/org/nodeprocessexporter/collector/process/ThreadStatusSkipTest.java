package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.TreeCopy;

/**
 * A thread's status is read only when its schedstat shows it ran since the last read (the leader's
 * always, every thread's on a refresh), over a copy of the fixture tree whose files the test edits
 * between scrapes. Fixture process 5371 ("java") has threads 5371 (leader, S, 25 voluntary
 * switches), 5393 (R, 464) and 5394 (S, 40).
 */
class ThreadStatusSkipTest {
    private static final int PID = 5371;
    private static final String VOLUNTARY =
            "namedprocess_namegroup_context_switches_total{ctxswitchtype=\"voluntary\",groupname=\"java_5371\"}";

    @TempDir
    Path root;
    private Collector collector;
    private int scrapes;

    @BeforeEach
    void copyTree() throws Exception {
        TreeCopy.copy(CollectorHarness.FIXTURES.resolve("proc"), root);
        collector = CollectorHarness.build(ProcessDetailCollector.SPEC, root, CollectorHarness.FIXTURES.resolve("sys"),
                CollectorHarness.FIXTURES.resolve("rootfs"));
    }

    private Exposition scrape() throws Exception {
        scrapes++;
        return Exposition.parse(CollectorHarness.scrape(collector));
    }

    private static boolean isRefresh(int scrape) {
        return (scrape + PID) % ProcessTracker.REFRESH_EVERY == 0;
    }

    private void edit(int tid, String file, String from, String to) throws IOException {
        Path p = root.resolve(PID + "/task/" + tid + "/" + file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    private static double state(Exposition e, String state) {
        return e.value("namedprocess_namegroup_states{groupname=\"java_5371\",state=\"" + state + "\"}");
    }

    @Test
    void aThreadThatDidNotRunKeepsWhatItsStatusLastSaid() throws Exception {
        Exposition first = scrape();
        assertThat(first.value(VOLUNTARY)).isEqualTo(529.0);
        assertThat(state(first, "Running")).isEqualTo(1.0);

        // 5393's status changes but its schedstat does not (cannot happen on a real kernel: it
        // would have had to run); the leader's status is read whatever its schedstat says
        edit(5393, "status", "voluntary_ctxt_switches:\t464", "voluntary_ctxt_switches:\t1464");
        edit(5393, "status", "State:\tR (running)", "State:\tS (sleeping)");
        // the leader's status, as /proc/<pid>/status (what is read) and as its task's (the same file on a kernel)
        edit(PID, "status", "voluntary_ctxt_switches:\t25", "voluntary_ctxt_switches:\t125");
        Path leader = root.resolve(PID + "/status");
        Files.writeString(leader, Files.readString(leader).replace("voluntary_ctxt_switches:\t25", "voluntary_ctxt_switches:\t125"));
        assertThat(isRefresh(scrapes + 1)).isFalse();
        Exposition skipped = scrape();
        assertThat(skipped.value(VOLUNTARY)).isEqualTo(629.0);
        assertThat(state(skipped, "Running")).isEqualTo(1.0);
        assertThat(state(skipped, "Sleeping")).isEqualTo(2.0);

        // it was scheduled in once more: its status is read
        edit(5393, "schedstat", "51674 0 1", "61674 0 2");
        assertThat(isRefresh(scrapes + 1)).isFalse();
        Exposition ran = scrape();
        assertThat(ran.value(VOLUNTARY)).isEqualTo(1629.0);
        assertThat(state(ran, "Running")).isEqualTo(0.0);
        assertThat(state(ran, "Sleeping")).isEqualTo(3.0);
    }

    @Test
    void aRefreshReadsEveryStatus() throws Exception {
        scrape();
        edit(5394, "status", "voluntary_ctxt_switches:\t40", "voluntary_ctxt_switches:\t50");
        while (!isRefresh(scrapes + 1)) {
            assertThat(scrape().value(VOLUNTARY)).isEqualTo(529.0);
        }
        assertThat(scrape().value(VOLUNTARY)).isEqualTo(539.0);
    }

    @Test
    void withoutSchedstatEveryStatusIsRead() throws Exception {
        for (String tid : new String[] {"5371", "5393", "5394"}) {
            Files.delete(root.resolve(PID + "/task/" + tid + "/schedstat"));
        }
        scrape();
        edit(5393, "status", "voluntary_ctxt_switches:\t464", "voluntary_ctxt_switches:\t1464");
        assertThat(isRefresh(scrapes + 1)).isFalse();
        assertThat(scrape().value(VOLUNTARY)).isEqualTo(1529.0);
    }

    private static final String WRITTEN = "namedprocess_namegroup_write_bytes_total{groupname=\"java_5371\"}";

    @Test
    void ioIsReadAgainOnlyAfterAThreadRan() throws Exception {
        assertThat(scrape().value(WRITTEN)).isEqualTo(200704.0);
        // no thread was scheduled in: the kernel cannot have counted I/O, the file is not read
        Path io = root.resolve(PID + "/io");
        Files.writeString(io, Files.readString(io).replace("write_bytes: 200704", "write_bytes: 300704"));
        assertThat(isRefresh(scrapes + 1)).isFalse();
        assertThat(scrape().value(WRITTEN)).isEqualTo(200704.0);

        // a thread other than the leader ran
        edit(5394, "schedstat", "11341 63869 1", "21341 63869 2");
        assertThat(isRefresh(scrapes + 1)).isFalse();
        assertThat(scrape().value(WRITTEN)).isEqualTo(300704.0);

        // the leader ran: its own switches moved
        Files.writeString(io, Files.readString(io).replace("write_bytes: 300704", "write_bytes: 400704"));
        Path leader = root.resolve(PID + "/status");
        Files.writeString(leader, Files.readString(leader).replace("nonvoluntary_ctxt_switches:\t1", "nonvoluntary_ctxt_switches:\t2"));
        assertThat(isRefresh(scrapes + 1)).isFalse();
        assertThat(scrape().value(WRITTEN)).isEqualTo(400704.0);
    }
}
