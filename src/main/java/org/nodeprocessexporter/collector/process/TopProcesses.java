package org.nodeprocessexporter.collector.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.collector.LabelValue;

/**
 * {@code --collector.process_detail.top-processes=N}: of the groups that hold one process each (the
 * default {@code <comm>_<pid>}, names with the pid or start time), only N are reported, the ones
 * whose processes used the most CPU since the last scrape or hold the most resident memory, taken
 * in turns; the others are folded into one group per comm, named after it. A host with thousands
 * of short-lived processes then costs a fixed number of series.
 *
 * <p>Which processes are folded changes from scrape to scrape, and a folded group's counters must
 * still never go backwards: it counts the increments of its processes over each interval that
 * starts or ends with them folded (a process new to the exporter brings all of its totals, as it
 * would to its own group). A process that leaves the fold takes nothing with it, and its own group
 * reappears with its kernel totals: {@code rate()} over all groups then adds up to the host's
 * (the new series contributes from its second sample on, the fold counted the interval before).
 * Folded groups are named groups: once seen they stay, empty, unless empty groups are removed.
 * Per-thread families are not reported for them (they would bring the series back).
 */
final class TopProcesses {
    private static final int UTIME = 0;
    private static final int STIME = 1;
    private static final int MINFLT = 2;
    private static final int MAJFLT = 3;
    private static final int READ = 4;
    private static final int WRITE = 5;
    private static final int VOLUNTARY = 6;
    private static final int NONVOLUNTARY = 7;
    private static final int COUNTERS = 8;

    private final int limit;
    private final boolean removeEmptyGroups;
    private final boolean smaps;
    private final Map<String, Folded> folded = new HashMap<>();

    /** What a group of one process had at the last scrape. */
    static final class State {
        final long[] counters = new long[COUNTERS];
        boolean folded;
    }

    /** One comm's folded group. */
    private static final class Folded {
        final LabelValue label;
        final long[] counters = new long[COUNTERS];
        boolean anyIo;
        CgroupPlacement lastPlacement;
        /** This scrape's row; null while none of its processes is folded. */
        GroupRow row;

        Folded(String comm) {
            this.label = new LabelValue(comm);
        }
    }

    TopProcesses(int limit, boolean removeEmptyGroups, boolean smaps) {
        this.limit = limit;
        this.removeEmptyGroups = removeEmptyGroups;
        this.smaps = smaps;
    }

    /** The rows to report: the others as they are, N rows of one process each, the folded groups. */
    List<GroupRow> select(List<GroupRow> rows) {
        List<GroupRow> out = new ArrayList<>(Math.min(rows.size(), limit + 64));
        List<GroupRow> single = new ArrayList<>(rows.size());
        for (GroupRow r : rows) {
            if (r.source != null && r.source.perProcess && r.procs > 0) {
                single.add(r);
            } else {
                out.add(r);
            }
        }
        int n = single.size();
        long[][] now = new long[n][];
        long[][] delta = new long[n][];
        for (int i = 0; i < n; i++) {
            GroupRow r = single.get(i);
            now[i] = counters(r);
            State last = r.source.top;
            delta[i] = new long[COUNTERS];
            for (int k = 0; k < COUNTERS; k++) {
                delta[i][k] = last == null ? now[i][k] : Math.max(0, now[i][k] - last.counters[k]);
            }
        }
        boolean[] keep = pick(single, delta);
        for (Folded f : folded.values()) {
            f.row = null;
        }
        for (int i = 0; i < n; i++) {
            GroupRow r = single.get(i);
            State state = r.source.top;
            if (state == null) {
                state = r.source.top = new State();
            }
            if (!keep[i] || state.folded) {
                Folded f = folded.computeIfAbsent(comm(r.source), Folded::new);
                for (int k = 0; k < COUNTERS; k++) {
                    f.counters[k] += delta[i][k];
                }
                f.anyIo |= r.anyIo;
                if (!keep[i]) {
                    if (f.row == null) {
                        f.row = new GroupRow(f.label);
                    }
                    f.row.addGauges(r);
                }
            }
            if (keep[i]) {
                out.add(r);
            }
            System.arraycopy(now[i], 0, state.counters, 0, COUNTERS);
            state.folded = !keep[i];
        }
        Map<String, GroupRow> byName = new HashMap<>();
        for (GroupRow r : out) {
            byName.put(r.group.value(), r);
        }
        for (var it = folded.values().iterator(); it.hasNext(); ) {
            Folded f = it.next();
            GroupRow row = f.row;
            if (row == null) {
                if (removeEmptyGroups) {
                    it.remove();
                    continue;
                }
                row = new GroupRow(f.label);
                row.markEmpty(smaps, false);
                row.placement = f.lastPlacement;
            } else {
                f.lastPlacement = row.placement;
            }
            GroupRow same = byName.get(f.label.value());
            if (same != null) {
                same.addGauges(row); // a group the rules name after the comm too: one series
                row = same;
            } else {
                out.add(row);
            }
            row.utime += f.counters[UTIME];
            row.stime += f.counters[STIME];
            row.minflt += f.counters[MINFLT];
            row.majflt += f.counters[MAJFLT];
            row.readBytes += f.counters[READ];
            row.writeBytes += f.counters[WRITE];
            row.voluntary += f.counters[VOLUNTARY];
            row.nonvoluntary += f.counters[NONVOLUNTARY];
            row.anyIo |= f.anyIo;
        }
        return out;
    }

    /**
     * The rows kept: in turns the next by CPU since the last scrape and the next by resident memory
     * not kept yet, until N; ties by name, so the choice is the same for the same numbers.
     */
    private boolean[] pick(List<GroupRow> single, long[][] delta) {
        int n = single.size();
        boolean[] keep = new boolean[n];
        if (n <= limit) {
            Arrays.fill(keep, true);
            return keep;
        }
        Integer[] byCpu = new Integer[n];
        Integer[] byRss = new Integer[n];
        for (int i = 0; i < n; i++) {
            byCpu[i] = i;
            byRss[i] = i;
        }
        Comparator<Integer> name = Comparator.comparing(i -> single.get(i).group.value());
        Comparator<Integer> cpu = Comparator.comparingLong(i -> -(delta[i][UTIME] + delta[i][STIME]));
        Comparator<Integer> rss = Comparator.comparingLong(i -> -single.get(i).rss);
        Arrays.sort(byCpu, cpu.thenComparing(rss).thenComparing(name));
        Arrays.sort(byRss, rss.thenComparing(cpu).thenComparing(name));
        int kept = 0;
        int c = 0;
        int r = 0;
        for (boolean cpuTurn = true; kept < limit; cpuTurn = !cpuTurn) {
            if (cpuTurn) {
                while (keep[byCpu[c]]) {
                    c++;
                }
                keep[byCpu[c]] = true;
            } else {
                while (keep[byRss[r]]) {
                    r++;
                }
                keep[byRss[r]] = true;
            }
            kept++;
        }
        return keep;
    }

    private static long[] counters(GroupRow r) {
        long[] c = new long[COUNTERS];
        c[UTIME] = r.utime;
        c[STIME] = r.stime;
        c[MINFLT] = r.minflt;
        c[MAJFLT] = r.majflt;
        c[READ] = r.readBytes;
        c[WRITE] = r.writeBytes;
        c[VOLUNTARY] = r.voluntary;
        c[NONVOLUNTARY] = r.nonvoluntary;
        return c;
    }

    /** The comm a group of one process is folded under: its first process's. */
    private static String comm(Group g) {
        return g.comm != null ? g.comm : g.name;
    }
}
