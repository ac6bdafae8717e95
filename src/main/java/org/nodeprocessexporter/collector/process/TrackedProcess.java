package org.nodeprocessexporter.collector.process;

import java.nio.file.Path;
import org.nodeprocessexporter.procfs.ProcStatus;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

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
    long seenInScrape;

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

    /** Live threads by tid. */
    final Map<Integer, ThreadCounters> threads = new HashMap<>(2);
    /** Exited threads' last counters, by thread name (a single entry under "" without per-thread metrics). */
    final Map<String, ThreadCounters> exitedThreads = new HashMap<>(1);

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
    /** Thread ids as last listed, in {@code [0, tidCount)}. */
    int[] tids = new int[0];
    int tidCount;
    /** The inode of the network namespace as of the last refresh; 0 unknown. */
    long netnsInode;

    /** Sets {@link #sockets} from the links: the socket inodes among them. */
    void collectSockets() {
        int n = 0;
        for (int i = 0; i < fdCount; i++) {
            if (links[i] > 0) {
                n++;
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

    /** The thread {@code tid}, created on first sight. */
    ThreadCounters thread(int tid) {
        return threads.computeIfAbsent(tid, t -> new ThreadCounters());
    }

    /** Folds threads not seen in this scrape into the exited totals. */
    void retireThreads(long scrape, boolean byName) {
        for (Iterator<ThreadCounters> it = threads.values().iterator(); it.hasNext(); ) {
            ThreadCounters t = it.next();
            if (t.seenInScrape != scrape) {
                t.addTo(exitedThreads.computeIfAbsent(byName && t.name != null ? t.name : "", n -> new ThreadCounters()));
                it.remove();
            }
        }
    }

    long voluntarySwitches() {
        long sum = 0;
        for (ThreadCounters t : threads.values()) {
            sum += t.voluntary;
        }
        for (ThreadCounters t : exitedThreads.values()) {
            sum += t.voluntary;
        }
        return sum;
    }

    long nonvoluntarySwitches() {
        long sum = 0;
        for (ThreadCounters t : threads.values()) {
            sum += t.nonvoluntary;
        }
        for (ThreadCounters t : exitedThreads.values()) {
            sum += t.nonvoluntary;
        }
        return sum;
    }
}
