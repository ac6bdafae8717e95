package org.nodeprocessexporter.collector.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nodeprocessexporter.collector.LabelValue;
import org.nodeprocessexporter.procfs.ProcLimits;

/**
 * One group's values in this scrape: sums over its live members plus what its exited members
 * left. Filled during the collect and only read afterwards, when the exposition is written
 * (possibly while the next scrape already runs), so it holds copies, not tracker state.
 */
final class GroupRow {
    final LabelValue group;
    /** The tracker's group it describes; null for a group of folded processes. */
    final Group source;
    int procs;
    int oldestPid;
    double oldestStart = Double.MAX_VALUE;
    /** The user of the members; {@link #moreUsers} all of them when they differ (rare). */
    String user;
    TreeSet<String> moreUsers;
    long utime;
    long stime;
    long minflt;
    long majflt;
    long readBytes;
    long writeBytes;
    boolean anyIo;
    long voluntary;
    long nonvoluntary;
    long rss;
    long vsize;
    long swap;
    boolean anySwap;
    long pss;
    long swapPss;
    boolean anyPss;
    long openFds;
    boolean anyFds;
    double worstFdRatio = -1;
    long threads;
    final int[] states = new int[ThreadState.values().length];
    /** Per-thread metrics: all threads (live and exited) by name, and the live ones' count. */
    TreeMap<String, ThreadCounters> threadsByName;
    Map<String, Integer> threadCount;
    /** Per-thread metrics: live threads by the kernel function they wait in; null before any. */
    TreeMap<String, Integer> wchans;
    List<TrackedProcess> withSockets;
    SocketSeries sockets;
    /** Where the oldest member lives; null when not known. */
    CgroupPlacement placement;

    GroupRow(Group g) {
        this.group = g.label;
        this.source = g;
    }

    GroupRow(LabelValue label) {
        this.group = label;
        this.source = null;
    }

    boolean hasPlacement() {
        return placement != null && placement != CgroupPlacement.UNKNOWN;
    }

    boolean hasThreads() {
        return threadsByName != null && !threadsByName.isEmpty();
    }

    /**
     * A group without processes, as process-exporter reports one: no processes, threads, memory or
     * descriptors; no pid, user or start time (process-exporter's is year 1, which no dashboard
     * wants); where its oldest process lived last.
     */
    static GroupRow empty(Group g, boolean smaps) {
        GroupRow r = new GroupRow(g);
        r.markEmpty(smaps, !g.seen);
        r.placement = g.lastPlacement;
        return r;
    }

    /** The gauges an empty group reports as 0; {@code neverSeen}: a declared group that has read nothing yet. */
    void markEmpty(boolean smaps, boolean neverSeen) {
        anySwap = true;
        anyPss = smaps;
        anyFds = true;
        worstFdRatio = Math.max(worstFdRatio, 0);
        anyIo |= neverSeen;
    }

    /** What the group's exited members left. */
    void addExited(Group g, boolean threadMetrics) {
        utime += g.exitedUtime;
        stime += g.exitedStime;
        minflt += g.exitedMinflt;
        majflt += g.exitedMajflt;
        readBytes += g.exitedReadBytes;
        writeBytes += g.exitedWriteBytes;
        anyIo |= g.anyIo;
        voluntary += g.exitedVoluntary;
        nonvoluntary += g.exitedNonvoluntary;
        if (threadMetrics && g.exitedThreads != null) {
            if (threadsByName == null) {
                threadsByName = new TreeMap<>();
                threadCount = new HashMap<>();
            }
            g.exitedThreads.forEach((name, tc) -> tc.addTo(threadsByName.computeIfAbsent(name,
                    x -> new ThreadCounters(0))));
        }
    }

    /** One live member. */
    void add(TrackedProcess p, boolean threadMetrics) {
        procs++;
        if (p.startSeconds < oldestStart || (p.startSeconds == oldestStart && p.pid < oldestPid)) {
            oldestStart = p.startSeconds;
            oldestPid = p.pid;
            placement = p.placement;
        }
        addUser(p.username);
        utime += p.utime;
        stime += p.stime;
        minflt += p.minflt;
        majflt += p.majflt;
        if (p.readBytes >= 0) {
            readBytes += p.readBytes;
            writeBytes += p.writeBytes;
            anyIo = true;
        }
        voluntary += p.voluntarySwitches();
        nonvoluntary += p.nonvoluntarySwitches();
        rss += p.rssBytes;
        vsize += p.vsizeBytes;
        if (p.swapBytes >= 0) {
            swap += p.swapBytes;
            anySwap = true;
        }
        if (p.pssBytes >= 0) {
            pss += p.pssBytes;
            swapPss += Math.max(0, p.swapPssBytes);
            anyPss = true;
        }
        if (p.openFds >= 0) {
            openFds += p.openFds;
            anyFds = true;
            if (p.openFilesSoftLimit > 0 && !ProcLimits.isUnlimited(p.openFilesSoftLimit)) {
                worstFdRatio = Math.max(worstFdRatio, (double) p.openFds / p.openFilesSoftLimit);
            } else if (ProcLimits.isUnlimited(p.openFilesSoftLimit)) {
                worstFdRatio = Math.max(worstFdRatio, 0);
            }
        }
        threads += p.numThreads;
        for (int i = 0; i < states.length; i++) {
            states[i] += p.states[i];
        }
        if (threadMetrics) {
            if (threadsByName == null) {
                threadsByName = new TreeMap<>();
                threadCount = new HashMap<>();
            }
            for (int i = 0; i < p.threadCount; i++) {
                ThreadCounters tc = p.threads[i];
                String name = tc.name() == null ? "" : tc.name();
                tc.addTo(threadsByName.computeIfAbsent(name, x -> new ThreadCounters(0)));
                threadCount.merge(name, 1, Integer::sum);
                if (tc.wchan() != null) {
                    if (wchans == null) {
                        wchans = new TreeMap<>();
                    }
                    wchans.merge(tc.wchan(), 1, Integer::sum);
                }
            }
            if (p.exitedThreads != null) {
                p.exitedThreads.forEach((name, tc) ->
                        tc.addTo(threadsByName.computeIfAbsent(name, x -> new ThreadCounters(0))));
            }
        }
        if (p.netTables != null) {
            if (withSockets == null) {
                withSockets = new java.util.ArrayList<>(1);
            }
            withSockets.add(p);
        }
    }

    /** Another row's gauges and sockets (not its counters): folding groups into one. */
    void addGauges(GroupRow o) {
        if (o.procs > 0 && (o.oldestStart < oldestStart || (o.oldestStart == oldestStart && o.oldestPid < oldestPid)
                || procs == 0)) {
            oldestStart = o.oldestStart;
            oldestPid = o.oldestPid;
            placement = o.placement;
        }
        procs += o.procs;
        if (o.user != null) {
            if (o.moreUsers == null) {
                addUser(o.user);
            } else {
                o.moreUsers.forEach(this::addUser);
            }
        }
        rss += o.rss;
        vsize += o.vsize;
        swap += o.swap;
        anySwap |= o.anySwap;
        pss += o.pss;
        swapPss += o.swapPss;
        anyPss |= o.anyPss;
        openFds += o.openFds;
        anyFds |= o.anyFds;
        worstFdRatio = Math.max(worstFdRatio, o.worstFdRatio);
        threads += o.threads;
        for (int i = 0; i < states.length; i++) {
            states[i] += o.states[i];
        }
        if (o.wchans != null) {
            if (wchans == null) {
                wchans = new TreeMap<>();
            }
            o.wchans.forEach((w, n) -> wchans.merge(w, n, Integer::sum));
        }
        if (o.withSockets != null) {
            if (withSockets == null) {
                withSockets = new java.util.ArrayList<>(o.withSockets.size());
            }
            withSockets.addAll(o.withSockets);
        }
    }

    private void addUser(String name) {
        if (user == null) {
            user = name;
        } else if (!user.equals(name)) {
            if (moreUsers == null) {
                moreUsers = new TreeSet<>();
                moreUsers.add(user);
            }
            moreUsers.add(name);
        }
    }
}
