package org.nodeprocessexporter.collector.process;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.nodeprocessexporter.procfs.FdTable;
import org.nodeprocessexporter.procfs.ProcDir;
import org.nodeprocessexporter.procfs.ProcStatus;

/**
 * One process as the tracker knows it, identified by pid and start time (a reused pid is a new
 * process). What never changes is read once: group, user, start time. Counters hold the kernel's
 * totals as last read; context switches add up the process's live threads plus the last values of
 * its exited ones, so they never go backwards.
 */
final class TrackedProcess {
    final int pid;
    final long starttimeTicks;
    final double startSeconds;
    /** Set once: when the process is first seen, or by adoption into an ancestor's group. */
    Group group;
    final String username;
    final int ppid;
    Path dir;
    /** Where its files are read: through a handle bound to this process, or by path. */
    ProcDir proc;
    long seenInScrape;
    /** Whether {@link #utime} and the other stat counters were read (they are kept while no thread runs). */
    boolean statRead;

    long utime;
    long stime;
    long minflt;
    long majflt;
    long readBytes = -1;
    long writeBytes = -1;

    long rssBytes;
    long vsizeBytes;
    long swapBytes = -1;
    long pssBytes = -1;
    long swapPssBytes = -1;
    int openFds = -1;
    long openFilesSoftLimit = -1;
    int numThreads;
    final int[] states = new int[ThreadState.values().length];
    long[] sockets = new long[0];
    int socketCount;
    /** This scrape's socket tables of the process's network namespace; null without sockets. */
    NetNamespaces.Tables netTables;

    /**
     * Live threads, sorted by tid, in {@code [0, threadCount)}: an array rather than a map, as
     * there are thousands of processes with a few threads each.
     */
    ThreadCounters[] threads = new ThreadCounters[0];
    int threadCount;
    /** Exited threads' last counters, by thread name (a single entry under "" without per-thread metrics); null before any. */
    Map<String, ThreadCounters> exitedThreads;

    TrackedProcess(int pid, long starttimeTicks, double startSeconds, Group group, String username, int ppid) {
        this.pid = pid;
        this.starttimeTicks = starttimeTicks;
        this.startSeconds = startSeconds;
        this.group = group;
        this.username = username;
        this.ppid = ppid;
    }

    /** Descriptor numbers as last listed, sorted, in {@code [0, fdCount)}, and what each links to (see {@link FdLinks}). */
    int[] fds = new int[0];
    long[] links = new long[0];
    int fdCount;
    /** The scrape that last read every link; -1 before the first. */
    long linksReadInScrape = -1;
    /** Whether this scrape reuses links read in an earlier one. */
    boolean linksReused;
    /**
     * Whether this scrape reads in full what is otherwise remembered (fd links and numbers,
     * thread ids, namespace, open-files limit): a new process, one whose comm changed (an exec,
     * which is how a process usually enters a namespace), and every process every few scrapes.
     */
    boolean refresh;
    /** The status read when the process was discovered, for the rest of that scrape only. */
    ProcStatus statusOfThisScrape;
    /** comm as of the last scrape, to notice an exec. */
    String comm;
    /** Whether this scrape found comm changed: an exec. */
    boolean commChanged;
    /** Where it lives, for {@code cgroup_info}; null before its cgroup file was read. */
    CgroupPlacement placement;
    /** A hash of the cgroup file as last read: a read that finds the same bytes parses nothing. */
    long cgroupHash;
    /** Thread ids as last listed, in {@code [0, tidCount)}. */
    int[] tids = new int[0];
    int tidCount;
    /** The inode of the network namespace as of the last refresh; 0 unknown. */
    long netnsInode;

    /**
     * Whether some of its links could not be read (refused): its sockets are not all known, which
     * counts as a partial read every scrape until a full read succeeds.
     */
    boolean linksDenied;

    /** Sets {@link #sockets} from the links: the socket inodes among them; and {@link #linksDenied}. */
    void collectSockets() {
        int n = 0;
        linksDenied = false;
        for (int i = 0; i < fdCount; i++) {
            if (links[i] > 0) {
                n++;
            } else if (links[i] == FdTable.LINK_DENIED) {
                linksDenied = true;
            }
        }
        if (sockets.length < n) {
            sockets = new long[Math.max(n, sockets.length * 2)];
        }
        socketCount = 0;
        for (int i = 0; i < fdCount; i++) {
            if (links[i] > 0) {
                sockets[socketCount++] = links[i];
            }
        }
    }

    /** The live thread {@code tid}, or null. */
    ThreadCounters knownThread(int tid) {
        int i = indexOfThread(tid);
        return i >= 0 ? threads[i] : null;
    }

    /** The thread {@code tid}, created on first sight (cheaply when tids come in ascending order). */
    ThreadCounters thread(int tid) {
        int i = indexOfThread(tid);
        if (i >= 0) {
            return threads[i];
        }
        int at = -i - 1;
        if (threadCount == threads.length) {
            threads = java.util.Arrays.copyOf(threads, Math.max(2, threadCount + (threadCount >> 1) + 1));
        }
        System.arraycopy(threads, at, threads, at + 1, threadCount - at);
        ThreadCounters t = new ThreadCounters(tid);
        threads[at] = t;
        threadCount++;
        return t;
    }

    private int indexOfThread(int tid) {
        int lo = 0;
        int hi = threadCount - 1;
        if (hi >= 0 && threads[hi].tid < tid) {
            return -(threadCount + 1);
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = threads[mid].tid;
            if (t < tid) {
                lo = mid + 1;
            } else if (t > tid) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Folds threads not seen in this scrape into the exited totals. */
    void retireThreads(long scrape, boolean byName) {
        int kept = 0;
        for (int i = 0; i < threadCount; i++) {
            ThreadCounters t = threads[i];
            if (t.seenInScrape == scrape) {
                threads[kept++] = t;
                continue;
            }
            if (exitedThreads == null) {
                exitedThreads = new HashMap<>(2);
            }
            t.addTo(exitedThreads.computeIfAbsent(byName && t.name() != null ? t.name() : "", n -> new ThreadCounters(0)));
        }
        java.util.Arrays.fill(threads, kept, threadCount, null);
        threadCount = kept;
    }

    long voluntarySwitches() {
        long sum = 0;
        for (int i = 0; i < threadCount; i++) {
            sum += threads[i].voluntary;
        }
        if (exitedThreads != null) {
            for (ThreadCounters t : exitedThreads.values()) {
                sum += t.voluntary;
            }
        }
        return sum;
    }

    long nonvoluntarySwitches() {
        long sum = 0;
        for (int i = 0; i < threadCount; i++) {
            sum += threads[i].nonvoluntary;
        }
        if (exitedThreads != null) {
            for (ThreadCounters t : exitedThreads.values()) {
                sum += t.nonvoluntary;
            }
        }
        return sum;
    }
}
