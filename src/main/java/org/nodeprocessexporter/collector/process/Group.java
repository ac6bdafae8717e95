package org.nodeprocessexporter.collector.process;

import java.util.HashMap;
import java.util.Map;
import org.nodeprocessexporter.collector.LabelValue;

/**
 * A named group of processes and what its exited members left behind: their last counters stay
 * in the group's totals, so a group's counters never go backwards while it exists. When its last
 * member is gone, a group named by the rules stays, with no processes and its counters frozen
 * (process-exporter's semantics, so {@code num_procs == 0} alerts fire), unless empty groups are
 * to be removed; a group that can only hold one process is dropped, and with it this state; a
 * declared group always stays.
 */
final class Group {
    final String name;
    /** Whether it can only ever hold one process (and the children it adopts): named by pid or start time. */
    final boolean perProcess;
    /** Declared by the config ({@code expect}): reported from the first scrape on, never removed. */
    final boolean declared;
    /** The comm of the process that made it; null for a declared group. */
    final String comm;
    /** What {@link TopProcesses} remembers of a group of one process; null without it. */
    TopProcesses.State top;
    int liveMembers;
    /** Whether any process has been a member. */
    boolean seen;
    /** Where its oldest member lived when it last had members: its cgroup_info once it is empty. */
    CgroupPlacement lastPlacement;

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

    Group(String name, boolean perProcess, boolean declared, String comm) {
        this.name = name;
        this.perProcess = perProcess;
        this.declared = declared;
        this.comm = comm;
        this.label = new LabelValue(name);
    }

    /** Whether it stays once its processes are gone. */
    boolean keptWhenEmpty(boolean removeEmptyGroups) {
        return declared || (!perProcess && !removeEmptyGroups);
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
