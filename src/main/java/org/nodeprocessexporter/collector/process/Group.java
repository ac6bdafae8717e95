package org.nodeprocessexporter.collector.process;

import java.util.HashMap;
import java.util.Map;

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
    /** Per-thread-name totals of exited threads of exited members (per-thread metrics only). */
    final Map<String, ThreadCounters> exitedThreads = new HashMap<>(0);

    private GroupLabels labels;

    Group(String name) {
        this.name = name;
    }

    /** The label sets of this group's series, made once for the group's life. */
    GroupLabels labels() {
        if (labels == null) {
            labels = new GroupLabels(name);
        }
        return labels;
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
            for (ThreadCounters t : p.threads.values()) {
                t.addTo(exitedThreads.computeIfAbsent(t.name == null ? "" : t.name, n -> new ThreadCounters()));
            }
            p.exitedThreads.forEach((name, t) ->
                    t.addTo(exitedThreads.computeIfAbsent(name, n -> new ThreadCounters())));
        }
    }
}
