package org.nodeprocessexporter.collector.process;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.procfs.FdTable;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.ProcIo;
import org.nodeprocessexporter.procfs.ProcLimits;
import org.nodeprocessexporter.procfs.ProcPaths;
import org.nodeprocessexporter.procfs.ProcSchedstat;
import org.nodeprocessexporter.procfs.ProcStat;
import org.nodeprocessexporter.procfs.ProcStatus;
import org.nodeprocessexporter.procfs.ReadStatus;
import org.nodeprocessexporter.procfs.SmapsRollup;

/**
 * Walks {@code /proc} once per scrape and keeps per-process state between scrapes.
 *
 * <p>Identity is pid plus start time. A process seen for the first time is named once (its group,
 * user and start time never change); one that is gone is retired into its group, whose totals
 * keep its last counters; a group without members is dropped. Per scrape, each named process costs
 * {@code stat}, {@code status} (one per thread for a multi-threaded process: states and context
 * switches are per thread), {@code io}, {@code limits} (every {@value #REFRESH_EVERY} scrapes), a {@code stat} of its fd directory and,
 * unless switched off or the process is too large, {@code smaps_rollup}. Processes that vanish
 * mid-read, and files that cannot be read, are normal: the first is retired, the second counted.
 *
 * <p>Not thread-safe: the scrape runner never runs one collector twice at once.
 */
final class ProcessTracker {
    /** What the tracker is told at start-up. */
    record Options(Path procRoot, GroupNamer namer, boolean kernelThreads, boolean children, boolean threadMetrics,
                   boolean smaps, long smapsMaxRssBytes, boolean sockets, long clockTicks, long pageSize,
                   double bootTime) {
    }

    /** How often what rarely changes (the open-files limit, fd links) is read in full: every this many scrapes. */
    static final int REFRESH_EVERY = 8;

    private final Options opt;
    private final ProcFile file = new ProcFile();
    private final FdTable fds;
    private final NetNamespaces namespaces = new NetNamespaces(file);
    private final FdLinks fdLinks;
    private final Map<Integer, TrackedProcess> procs = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private long scrape;

    long scrapeErrors;
    long procReadErrors;
    long partialErrors;
    /**
     * Whether this kernel has no {@code schedstat} (no CONFIG_SCHED_INFO): found when a thread's
     * schedstat is missing while its status reads; then every status is read, without first trying
     * schedstat for each thread each scrape.
     */
    private boolean noSchedstat;

    ProcessTracker(Options options) {
        this.opt = options;
        this.fds = new FdTable(isProcfs(options.procRoot()));
        this.fdLinks = new FdLinks(fds);
    }

    private static boolean isProcfs(Path root) {
        try {
            return java.nio.file.Files.getFileStore(root).type().equals("proc");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    Options options() {
        return opt;
    }

    /** Reads every process; afterwards {@link #processes()} and {@link #groups()} describe this scrape. */
    void update() {
        scrape++;
        opt.namer().refresh();
        String[] names = opt.procRoot().toFile().list();
        if (names == null) {
            scrapeErrors++;
            throw new IllegalStateException("cannot list " + opt.procRoot());
        }
        List<TrackedProcess> fresh = new ArrayList<>();
        for (String name : names) {
            int pid = ProcPaths.parseNumber(name);
            if (pid <= 0) {
                continue;
            }
            TrackedProcess known = procs.get(pid);
            Path dir = known != null ? known.dir : opt.procRoot().resolve(name);
            ProcStat stat = ProcStat.read(file, dir);
            if (stat == null) {
                if (file.status() != ReadStatus.GONE) {
                    procReadErrors++;
                    Log.debug("cannot read process stat", "pid", pid, "status", file.status());
                }
                continue;
            }
            if (!opt.kernelThreads() && (stat.ppid() == 2 || pid == 2)) {
                continue;
            }
            TrackedProcess p = known;
            if (p != null && p.starttimeTicks != stat.starttime()) {
                retire(p);
                procs.remove(pid);
                p = null;
            }
            if (p == null) {
                p = discover(pid, dir, stat);
                if (p == null) {
                    continue;
                }
                procs.put(pid, p);
                fresh.add(p);
            }
            p.dir = dir;
            p.seenInScrape = scrape;
            String comm = stat.comm();
            p.refresh = p.comm == null || !comm.equals(p.comm) || (scrape + pid) % REFRESH_EVERY == 0;
            p.comm = comm;
            p.utime = stat.utime();
            p.stime = stat.stime();
            p.minflt = stat.minflt();
            p.majflt = stat.majflt();
            p.rssBytes = stat.rss() * opt.pageSize();
            p.vsizeBytes = stat.vsize();
            p.numThreads = stat.numThreads();
        }
        if (opt.children()) {
            adoptChildren(fresh);
        }
        for (Iterator<TrackedProcess> it = procs.values().iterator(); it.hasNext(); ) {
            TrackedProcess p = it.next();
            if (p.seenInScrape != scrape) {
                retire(p);
                it.remove();
            } else if (p.group != null && !readDetails(p)) {
                retire(p);
                it.remove();
            }
            p.statusOfThisScrape = null; // also for a process no group took
        }
        for (Group g : groups.values()) {
            g.liveMembers = 0;
        }
        for (TrackedProcess p : procs.values()) {
            if (p.group != null) {
                p.group.liveMembers++;
            }
        }
        groups.values().removeIf(g -> g.liveMembers == 0);
        if (opt.sockets()) {
            attachSocketTables();
        }
    }

    /** Joins each process's socket inodes to its namespace's tables, each namespace read once. */
    private void attachSocketTables() {
        namespaces.begin(scrape);
        for (TrackedProcess p : procs.values()) {
            p.netTables = p.group != null && p.socketCount > 0 ? namespaces.tablesOf(p) : null;
        }
        fdLinks.validate(procs.values(), scrape, namespaces);
        namespaces.end();
    }

    int namespaceCount() {
        return namespaces.size();
    }

    /** The processes of this scrape, exported or not. */
    Iterable<TrackedProcess> processes() {
        return procs.values();
    }

    Map<String, Group> groups() {
        return groups;
    }

    int trackedProcesses() {
        return procs.size();
    }

    private TrackedProcess discover(int pid, Path dir, ProcStat stat) {
        ProcStatus status = ProcStatus.read(file, dir);
        if (status == null) {
            if (file.status() != ReadStatus.GONE) {
                procReadErrors++;
            }
            return null;
        }
        List<String> cmdline = opt.namer().needsCmdline() ? cmdline(dir) : List.of();
        List<String> cgroups = opt.namer().needsCgroups() ? cgroups(dir) : List.of();
        String user = opt.namer().users().name(status.uidEffective());
        double start = opt.bootTime() + (double) stat.starttime() / opt.clockTicks();
        ProcessAttributes attrs = new ProcessAttributes(pid, stat.comm(), cmdline, user, start, cgroups);
        String groupName = opt.namer().name(attrs);
        Group group = groupName == null ? null : groups.computeIfAbsent(groupName, Group::new);
        TrackedProcess p = new TrackedProcess(pid, stat.starttime(), start, group, user, stat.ppid());
        p.statusOfThisScrape = status;
        return p;
    }

    /**
     * process-exporter's {@code -children}: a new process that no rule names joins the group of its
     * nearest named ancestor.
     */
    private void adoptChildren(List<TrackedProcess> fresh) {
        for (TrackedProcess p : fresh) {
            if (p.group != null) {
                continue;
            }
            TrackedProcess ancestor = procs.get(p.ppid);
            for (int depth = 0; ancestor != null && ancestor.group == null && depth < 64; depth++) {
                ancestor = procs.get(ancestor.ppid);
            }
            if (ancestor != null && ancestor.group != null) {
                p.group = ancestor.group;
            }
        }
    }

    /** Reads the per-scrape files of a named process; false when it vanished meanwhile. */
    private boolean readDetails(TrackedProcess p) {
        boolean partial = false;
        java.util.Arrays.fill(p.states, 0);
        ProcStatus discovered = p.statusOfThisScrape;
        if (p.numThreads <= 1) {
            // a process discovered in this scrape had its status read for its uid already
            ProcStatus status = discovered != null ? discovered : ProcStatus.read(file, p.dir);
            if (status == null) {
                if (file.status() == ReadStatus.GONE) {
                    return false;
                }
                partial = true;
            } else {
                p.swapBytes = status.vmSwapBytes();
                countThread(p, p.pid, status, p.dir.toString());
            }
        } else if (!readThreads(p)) {
            return false;
        }
        p.retireThreads(scrape, opt.threadMetrics());

        ProcIo io = ProcIo.read(file, p.dir);
        if (io != null) {
            p.readBytes = io.readBytes();
            p.writeBytes = io.writeBytes();
        } else if (file.status() == ReadStatus.GONE && vanished(p)) {
            return false;
        } else {
            partial = true;
        }

        // The open-files limit changes only through setrlimit/prlimit: read on a refresh, not every scrape.
        if (p.openFilesSoftLimit < 0 || p.refresh) {
            ProcLimits limits = ProcLimits.read(file, p.dir);
            if (limits != null) {
                p.openFilesSoftLimit = limits.openFilesSoft();
            } else if (file.status() == ReadStatus.GONE && vanished(p)) {
                return false;
            } else {
                partial = true;
            }
        }

        ReadStatus fd;
        if (opt.sockets()) {
            fd = fdLinks.scan(p, scrape);
            p.openFds = p.fdCount;
        } else {
            fd = fds.count(p.dir.resolve("fd"));
            p.openFds = fds.openFds();
        }
        if (fd != ReadStatus.OK) {
            if (fd == ReadStatus.GONE && vanished(p)) {
                return false;
            }
            p.openFds = -1;
            partial = true;
        }

        p.pssBytes = -1;
        p.swapPssBytes = -1;
        if (opt.smaps() && p.rssBytes <= opt.smapsMaxRssBytes()) {
            SmapsRollup smaps = SmapsRollup.read(file, p.dir);
            if (smaps != null) {
                p.pssBytes = smaps.pssBytes();
                p.swapPssBytes = smaps.swapPssBytes();
            } else if (file.status() != ReadStatus.GONE) {
                // GONE here also means "no address space" (kernel thread, zombie): nothing to report
                partial = true;
            }
        }
        if (partial) {
            partialErrors++;
            Log.debug("partial read of process", "pid", p.pid, "group", p.group.name);
        }
        return true;
    }

    /**
     * After a file of a process was not found: whether the process itself is gone, or only that
     * file is missing (a kernel without I/O accounting, a copied tree), which is a partial read.
     */
    private static boolean vanished(TrackedProcess p) {
        return !java.nio.file.Files.exists(p.dir.resolve("stat"));
    }

    /**
     * Reads every thread's status. The thread ids are listed on a refresh and when the number of
     * threads differs from the last listing; otherwise the remembered ids are read, and if one of
     * them is gone (so another thread took its place) the directory is listed after all.
     */
    private boolean readThreads(TrackedProcess p) {
        Path taskDir = p.dir.resolve("task");
        if (!p.refresh && p.tidCount == p.numThreads && readThreadsByTid(p, taskDir)) {
            return true;
        }
        String[] names = taskDir.toFile().list();
        if (names == null) {
            return false;
        }
        if (p.tids.length < names.length) {
            p.tids = new int[names.length];
        }
        p.tidCount = 0;
        for (String name : names) {
            int tid = ProcPaths.parseNumber(name);
            if (tid > 0) {
                p.tids[p.tidCount++] = tid;
            }
        }
        java.util.Arrays.sort(p.tids, 0, p.tidCount); // the threads are kept in tid order
        readThreadsByTid(p, taskDir);
        return true;
    }

    /**
     * Reads the remembered thread ids; false (and nothing counted) if one is gone.
     *
     * <p>A thread's status is the costly file of a scrape (the kernel formats some fifty lines
     * for it), so a thread other than the leader first has its schedstat read: if it has not been
     * scheduled in since its status was last read, nothing the status gives can have changed
     * (context switches, faults, CPU and I/O only count while a thread runs; it stays blocked,
     * sleeping or stopped), and the remembered values stand. The one thing that can change
     * without the thread running is a wake-up: a thread woken but still waiting for a CPU at
     * this scrape keeps the state it had ({@code S} or {@code D}) until it has run. The leader's
     * status is always read, for the process's swap; on a refresh every status is read.
     */
    private boolean readThreadsByTid(TrackedProcess p, Path taskDir) {
        java.util.Arrays.fill(p.states, 0);
        boolean all = true;
        String taskPrefix = taskDir.toString() + '/';
        for (int i = 0; i < p.tidCount; i++) {
            int tid = p.tids[i];
            String dir = taskPrefix + tid;
            ThreadCounters known = tid == p.pid ? null : p.knownThread(tid);
            ProcSchedstat sched = tid == p.pid || noSchedstat ? null : ProcSchedstat.read(file, dir);
            boolean schedstatGone = sched == null && tid != p.pid && !noSchedstat && file.status() == ReadStatus.GONE;
            if (known != null && sched != null && !p.refresh
                    && sched.timeslices() != 0 && sched.timeslices() == known.timeslices
                    && sched.runtimeNs() == known.runtimeNs) {
                p.states[known.state.ordinal()]++;
                known.seenInScrape = scrape;
                continue;
            }
            ProcStatus status = ProcStatus.read(file, dir);
            if (status == null) {
                all = false; // the thread exited since the listing
                continue;
            }
            noSchedstat |= schedstatGone;
            if (tid == p.pid) {
                p.swapBytes = status.vmSwapBytes();
            }
            ThreadCounters t = countThread(p, tid, status, dir);
            // read before the status: if the thread ran in between, the next scrape reads it again
            t.runtimeNs = sched == null ? 0 : sched.runtimeNs();
            t.timeslices = sched == null ? 0 : sched.timeslices();
        }
        return all;
    }

    private ThreadCounters countThread(TrackedProcess p, int tid, ProcStatus status, String dir) {
        ThreadState state = ThreadState.of(status.state());
        p.states[state.ordinal()]++;
        ThreadCounters t = p.thread(tid);
        t.state = state;
        t.seenInScrape = scrape;
        t.voluntary = status.voluntaryCtxtSwitches();
        t.nonvoluntary = status.nonvoluntaryCtxtSwitches();
        if (opt.threadMetrics()) {
            ProcStat stat = ProcStat.read(file, dir);
            ThreadCounters.Detail d = t.detail();
            if (stat != null) {
                d.name = stat.comm();
                d.utime = stat.utime();
                d.stime = stat.stime();
                d.minflt = stat.minflt();
                d.majflt = stat.majflt();
            }
            ProcIo io = ProcIo.read(file, dir);
            if (io != null) {
                d.readBytes = io.readBytes();
                d.writeBytes = io.writeBytes();
            }
        }
        return t;
    }

    private void retire(TrackedProcess p) {
        if (p.group != null) {
            p.retireThreads(scrape + 1, opt.threadMetrics());
            p.group.retire(p, opt.threadMetrics());
        }
    }

    private List<String> cmdline(Path dir) {
        if (file.read(dir.resolve("cmdline")) != ReadStatus.OK) {
            return List.of();
        }
        byte[] b = file.buffer();
        int len = file.length();
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (b[i] == 0) {
                args.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < len) {
            args.add(new String(b, start, len - start, StandardCharsets.UTF_8));
        }
        return args;
    }

    private List<String> cgroups(Path dir) {
        if (file.read(dir.resolve("cgroup")) != ReadStatus.OK) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (String line : new String(file.buffer(), 0, file.length(), StandardCharsets.UTF_8).split("\n")) {
            int second = line.indexOf(':', line.indexOf(':') + 1);
            if (second > 0) {
                paths.add(line.substring(second + 1));
            }
        }
        return paths;
    }
}
