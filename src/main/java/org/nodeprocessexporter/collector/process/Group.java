package org.nodeprocessexporter.collector.process;

import java.util.HashMap;
import java.util.Map;
import org.nodeprocessexporter.collector.LabelValue;

/**
 * A named group of processes and what its exited members left behind: their last counters stay
 * in the group's totals, so a group's counters never go backwards while it exists. A group whose
 * members are all gone is dropped by the tracker, and with it this state.
 */
final class Group {
    final String name;
    int liveMembers;

    long exitedUtime;
    long exitedStime;
    long exitedMinflt;
    long exitedMajflt;
    long exitedReadBytes;
    long exitedWriteBytes;
    boolean anyIo;
    long exitedVoluntary;
    long exitedNonvoluntary;
    /** Per-thread-name totals of exited threads of exited members (per-thread metrics only); null before any. */
    Map<String, ThreadCounters> exitedThreads;

    /** The groupname label, encoded once for the group's life: it is in every series of the group. */
    final LabelValue label;

    Group(String name) {
        this.name = name;
        this.label = new LabelValue(name);
    }

    /** Keeps the last counters of a member that exited. */
    void retire(TrackedProcess p, boolean threadMetrics) {
        exitedUtime += p.utime;
        exitedStime += p.stime;
        exitedMinflt += p.minflt;
        exitedMajflt += p.majflt;
        if (p.readBytes >= 0) {
            exitedReadBytes += p.readBytes;
            exitedWriteBytes += p.writeBytes;
            anyIo = true;
        }
        exitedVoluntary += p.voluntarySwitches();
        exitedNonvoluntary += p.nonvoluntarySwitches();
        if (threadMetrics) {
            if (exitedThreads == null) {
                exitedThreads = new HashMap<>(4);
            }
            for (int i = 0; i < p.threadCount; i++) {
                ThreadCounters t = p.threads[i];
                t.addTo(exitedThreads.computeIfAbsent(t.name() == null ? "" : t.name(), n -> new ThreadCounters(0)));
            }
            if (p.exitedThreads != null) {
                p.exitedThreads.forEach((name, t) ->
                        t.addTo(exitedThreads.computeIfAbsent(name, n -> new ThreadCounters(0))));
            }
        }
    }
}
