package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Counts the processes and threads under a proc root by state, as node_exporter's {@code
 * processes} collector does: every pid's {@code stat} (its state and thread count), and for every
 * process the state of each of its threads, the leader counted in the state of the process and
 * the others from {@code task/<tid>/stat}. A process or thread that is gone between the listing and
 * the read is left out; any other failure to read or parse a {@code stat} fails the census.
 *
 * <p>What makes it cheap on a host with thousands of processes: one reused path builder and
 * buffer, files opened with openat(2) (no stream objects per file), only the state and
 * {@code num_threads} parsed out of each {@code stat}, and the task directory not listed for a
 * process of one thread, whose only thread is its leader (upstream lists it and finds the leader).
 * Not thread-safe: one instance per collector.
 */
public final class ProcessCensus {
    private final String root;
    private final ProcFile file = new ProcFile(1024);
    private final StringBuilder path = new StringBuilder(96);
    private final ProcFile.Parser<ProcessCensus> statParser = this::parseStat;
    // the last parsed stat
    private char state;
    private int numThreads;

    /**
     * What one census found.
     *
     * @param pids         processes counted
     * @param threads      the sum of their {@code num_threads}
     * @param processes    processes per state, indexed by the state's character
     * @param threadStates threads per state, likewise
     */
    public record Counts(int pids, long threads, int[] processes, int[] threadStates) {
    }

    public ProcessCensus(Path procRoot) {
        this.root = procRoot.toString();
    }

    public Counts count() throws IOException {
        String[] names = new java.io.File(root).list();
        if (names == null) {
            throw new java.nio.file.NoSuchFileException(root, null, "unable to list all processes");
        }
        int pids = 0;
        long threads = 0;
        int[] processStates = new int[128];
        int[] threadStates = new int[128];
        for (String name : names) {
            int pid = ProcPaths.parseNumber(name);
            if (pid < 0) {
                continue;
            }
            path.setLength(0);
            path.append(root).append('/').append(name);
            int dirLength = path.length();
            if (!readStat(path.append("/stat"), name, null)) {
                continue;
            }
            char leaderState = state;
            int leaderThreads = numThreads;
            pids++;
            processStates[leaderState]++;
            threads += leaderThreads;
            if (leaderThreads == 1) {
                threadStates[leaderState]++;
                continue;
            }
            path.setLength(dirLength);
            String[] tids = new java.io.File(path.append("/task").toString()).list();
            if (tids == null) {
                continue; // gone since its stat was read
            }
            int taskLength = path.length();
            for (String tid : tids) {
                int t = ProcPaths.parseNumber(tid);
                if (t < 0) {
                    continue;
                }
                if (t == pid) {
                    threadStates[leaderState]++;
                    continue;
                }
                path.setLength(taskLength);
                if (readStat(path.append('/').append(tid).append("/stat"), name, tid)) {
                    threadStates[state]++;
                }
            }
        }
        return new Counts(pids, threads, processStates, threadStates);
    }

    /** Reads the stat at {@link #path} into {@link #state} and {@link #numThreads}; false when it is gone. */
    private boolean readStat(CharSequence file, String pid, String tid) throws IOException {
        if (this.file.readAndParse(file, statParser) != null) {
            return true;
        }
        if (this.file.status() == ReadStatus.GONE) {
            return false;
        }
        throw new IOException("error reading stat for pid " + pid + (tid == null ? "" : " thread " + tid) + ": "
                + this.file.status());
    }

    /** The state (field 3) and num_threads (field 20) of a stat, after the comm's last {@code )}. */
    private ProcessCensus parseStat(byte[] b, int len) {
        len = Math.min(len, b.length);
        int close = len - 1;
        while (close >= 0 && b[close] != ')') {
            close--;
        }
        if (close < 0 || close + 3 >= len || b[close + 1] != ' ' || b[close + 3] != ' ') {
            return null;
        }
        byte st = b[close + 2];
        if (st <= ' ' || st >= 0x7f) {
            return null;
        }
        int p = close + 4; // field 4
        for (int field = 4; field < 20; field++) {
            while (p < len && b[p] != ' ') {
                p++;
            }
            p++;
        }
        AsciiCursor c = new AsciiCursor(b, p, len);
        long threads = c.s64();
        c.expect(' '); // field 21 follows: num_threads was not cut short
        if (c.bad || threads < 0 || threads > Integer.MAX_VALUE) {
            return null;
        }
        state = (char) st;
        numThreads = (int) threads;
        return this;
    }
}
