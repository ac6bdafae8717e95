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
import org.nodeprocessexporter.procfs.ProcCgroup;
import org.nodeprocessexporter.procfs.ProcDir;
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
 * user and start time never change; with {@code recheck} an unnamed one is tried again); one that
 * is gone is retired into its group, whose totals keep its last counters; a group without members
 * is dropped if it can only hold one process, else kept empty (see {@link Group}). A named process gets a handle on
 * its directory ({@link ProcDir}), bound to it rather than to its pid, so that its later reads
 * need no {@code stat} to prove who it is. Per scrape, each named process costs its
 * {@code status}, its other threads' {@code schedstat} (and the status of those that ran), a
 * {@code stat} of its fd directory and, unless switched off or the process is too large,
 * {@code smaps_rollup}; {@code stat} and {@code io} only if one of its threads ran, {@code limits}
 * every {@value #REFRESH_EVERY} scrapes, {@code cgroup} when new, after an exec and every
 * {@value #CGROUP_REREAD_EVERY} scrapes. Processes that vanish mid-read, and files that cannot be
 * read, are normal: the first is retired, the second counted.
 *
 * <p>Not thread-safe: the scrape runner never runs one collector twice at once.
 */
final class ProcessTracker {
    /**
     * What the tracker is told at start-up.
     *
     * @param removeEmptyGroups forget a named group once its processes are gone (process-exporter's
     *                          {@code -remove-empty-groups}); groups of one process are forgotten anyway
     * @param recheck           name again, each scrape, the processes no rule named (process-exporter's
     *                          {@code -recheck})
     * @param recheckSeconds    with {@code recheck}: only while a process is younger than this; 0 for always
     * @param cgroupInfo        read where each named process lives ({@code cgroup}, see {@link #CGROUP_REREAD_EVERY})
     */
    record Options(Path procRoot, GroupNamer namer, boolean kernelThreads, boolean children, boolean threadMetrics,
                   boolean smaps, long smapsMaxRssBytes, boolean sockets, long clockTicks, long pageSize,
                   double bootTime, boolean removeEmptyGroups, boolean recheck, double recheckSeconds,
                   boolean cgroupInfo) {

        /** The same options with another namer (a reloaded config). */
        Options withNamer(GroupNamer other) {
            return new Options(procRoot, other, kernelThreads, children, threadMetrics, smaps, smapsMaxRssBytes,
                    sockets, clockTicks, pageSize, bootTime, removeEmptyGroups, recheck, recheckSeconds, cgroupInfo);
        }
    }

    /** How often what rarely changes (the open-files limit, fd links) is read in full: every this many scrapes. */
    static final int REFRESH_EVERY = 8;

    /**
     * How often a process's cgroup file is read again when it did not exec: every this many scrapes.
     * Processes enter their cgroup (service, scope, container) between fork and exec, and an exec
     * has the file read again at once; what moves a running process without an exec (an
     * administrator's {@code cgclassify}, pam_systemd with a session's first process) is rare, and
     * each read takes the kernel's global cgroup mutex.
     */
    static final int CGROUP_REREAD_EVERY = 8 * REFRESH_EVERY;

    private final Options opt;
    private final ProcFile file = new ProcFile();
    private final FdTable fds;
    private final NetNamespaces namespaces = new NetNamespaces(file);
    private final FdLinks fdLinks;
    private final Map<Integer, TrackedProcess> procs = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private long scrape;
    /** Wall clock of this scrape, Unix seconds (for recheck's time limit). */
    private double now;

    long scrapeErrors;
    long procReadErrors;
    long partialErrors;
    /**
     * Whether this kernel has no {@code schedstat} (no CONFIG_SCHED_INFO): found when a thread's
     * schedstat is missing while its status reads; then every status is read, without first trying
     * schedstat for each thread each scrape.
     */
    private boolean noSchedstat;
    /** Set by {@link #readThreadsByTid}: a remembered thread is gone. */
    private boolean threadGone;
    /** Whether named processes get a {@link ProcDir} handle: on a real procfs, where it is bound to its process. */
    private final boolean handles;

    ProcessTracker(Options options) {
        this.opt = options;
        boolean procfs = isProcfs(options.procRoot());
        this.fds = new FdTable(procfs);
        this.handles = procfs;
        this.fdLinks = new FdLinks(fds);
        for (String name : options.namer().declaredGroups()) {
            groups.put(name, new Group(name, false, true, null));
        }
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
        now = System.currentTimeMillis() / 1000.0;
        opt.namer().refresh();
        String[] names = opt.procRoot().toFile().list();
        if (names == null) {
            scrapeErrors++;
            throw new IllegalStateException("cannot list " + opt.procRoot());
        }
        List<TrackedProcess> fresh = new ArrayList<>();
        for (String name : names) {
            int pid = ProcPaths.parseNumber(name);
            if (pid > 0) {
                visit(pid, name, fresh);
            }
        }
        List<Integer> replaced = new ArrayList<>();
        readAll(fresh, true, replaced);
        if (!replaced.isEmpty()) {
            // processes whose handle found them gone, though their pid is listed: a new process may
            // have that pid now, which is read now rather than a scrape late
            List<TrackedProcess> again = new ArrayList<>();
            for (int pid : replaced) {
                visit(pid, Integer.toString(pid), again);
            }
            readAll(again, false, null);
        }
        for (Group g : groups.values()) {
            g.liveMembers = 0;
        }
        for (TrackedProcess p : procs.values()) {
            if (p.group != null) {
                p.group.liveMembers++;
                p.group.seen = true;
            }
        }
        groups.values().removeIf(g -> g.liveMembers == 0 && !g.keptWhenEmpty(opt.removeEmptyGroups()));
        if (opt.sockets()) {
            attachSocketTables();
        }
    }

    /**
     * Sees the listed process {@code pid}: a process with a handle is taken as present (its files,
     * read through the handle, will tell if it is gone); any other has its {@code stat} read now,
     * which also tells whether the pid belongs to a new process. New ones are added to {@code fresh}.
     */
    private void visit(int pid, String name, List<TrackedProcess> fresh) {
        TrackedProcess known = procs.get(pid);
        if (known != null && known.proc.hasHandle()) {
            known.seenInScrape = scrape;
            known.commChanged = false;
            known.refresh = (scrape + pid) % REFRESH_EVERY == 0;
            return;
        }
        Path dir = known != null ? known.dir : opt.procRoot().resolve(name);
        ProcStat stat = ProcStat.read(file, dir);
        if (stat == null) {
            if (file.status() != ReadStatus.GONE) {
                procReadErrors++;
                Log.debug("cannot read process stat", "pid", pid, "status", file.status());
            }
            return;
        }
        if (!opt.kernelThreads() && (stat.ppid() == 2 || pid == 2)) {
            return;
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
                return;
            }
            procs.put(pid, p);
            fresh.add(p);
        }
        p.dir = dir;
        p.seenInScrape = scrape;
        String comm = stat.comm();
        p.commChanged = p.comm != null && !comm.equals(p.comm);
        p.refresh = p.comm == null || p.commChanged || (scrape + pid) % REFRESH_EVERY == 0;
        p.comm = comm;
        setCounters(p, stat);
        if (p.group == null && p == known && recheckDue(p)) {
            nameAgain(p, stat);
            fresh.add(p); // for a handle if named now, and for -children if not
        }
    }

    /** Whether a process no rule named is named again this scrape. */
    private boolean recheckDue(TrackedProcess p) {
        return opt.recheck() && (opt.recheckSeconds() <= 0 || p.startSeconds + opt.recheckSeconds() > now);
    }

    /** process-exporter's {@code -recheck}: the rules again, over what the process looks like now. */
    private void nameAgain(TrackedProcess p, ProcStat stat) {
        List<String> cmdline = opt.namer().needsCmdline() ? cmdline(p.dir) : List.of();
        ProcCgroup cgroup = opt.namer().needsCgroups() ? cgroup(p.dir) : null;
        List<String> cgroups = cgroup == null ? List.of() : cgroup.paths();
        NamingRules.Named named = opt.namer().name(new ProcessAttributes(p.pid, stat.comm(), cmdline, p.username,
                p.startSeconds, cgroups));
        if (named != null) {
            p.group = group(named, stat.comm());
            p.refresh = true;
        }
    }

    private Group group(NamingRules.Named named, String comm) {
        return groups.computeIfAbsent(named.name(), n -> new Group(n, named.perProcess(), false, comm));
    }

    private void setCounters(TrackedProcess p, ProcStat stat) {
        p.utime = stat.utime();
        p.stime = stat.stime();
        p.minflt = stat.minflt();
        p.majflt = stat.majflt();
        p.statRead = true;
    }

    /**
     * Adopts the new processes, gives the named ones a handle (on a real procfs, where a handle is
     * bound to its process), then reads the details of every named process in {@code procs};
     * forgets the ones that are gone. Pids whose handle found its process gone go to {@code replaced}.
     */
    private void readAll(List<TrackedProcess> fresh, boolean everyProcess, List<Integer> replaced) {
        if (opt.children()) {
            adoptChildren(fresh);
        }
        if (handles) {
            for (TrackedProcess p : fresh) {
                if (p.group != null) {
                    p.proc = ProcDir.open(p.dir);
                }
            }
        }
        for (Iterator<TrackedProcess> it = (everyProcess ? procs.values() : fresh).iterator(); it.hasNext(); ) {
            TrackedProcess p = it.next();
            Outcome outcome = p.seenInScrape != scrape ? Outcome.GONE
                    : p.group != null ? readDetails(p) : Outcome.READ;
            p.statusOfThisScrape = null; // also for a process no group took
            if (outcome != Outcome.READ) {
                retire(p);
                if (everyProcess) {
                    it.remove();
                } else {
                    procs.remove(p.pid, p);
                }
                if (outcome == Outcome.REPLACED && replaced != null) {
                    replaced.add(p.pid);
                }
            }
        }
    }

    /** What reading a process's details found. */
    private enum Outcome {
        READ,
        /** The process is gone. */
        GONE,
        /** The process its handle is bound to is gone: its pid may be another process's now. */
        REPLACED
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
        ProcCgroup cgroup = opt.namer().needsCgroups() ? cgroup(dir) : null;
        List<String> cgroups = cgroup == null ? List.of() : cgroup.paths();
        String user = opt.namer().users().name(status.uidEffective());
        double start = opt.bootTime() + (double) stat.starttime() / opt.clockTicks();
        ProcessAttributes attrs = new ProcessAttributes(pid, stat.comm(), cmdline, user, start, cgroups);
        NamingRules.Named named = opt.namer().name(attrs);
        Group group = named == null ? null : group(named, stat.comm());
        TrackedProcess p = new TrackedProcess(pid, stat.starttime(), start, group, user, stat.ppid());
        p.dir = dir;
        p.proc = ProcDir.byPath(dir);
        p.statusOfThisScrape = status;
        if (cgroup != null && opt.cgroupInfo()) {
            p.placement = intern(CgroupPlacement.of(cgroup));
            p.cgroupHash = cgroupHash;
        }
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

    /**
     * Reads the per-scrape files of a named process.
     *
     * <p>The leader's {@code status} comes first, then the threads (see {@link #readThreadsByTid}).
     * Together they tell whether any thread of the process was scheduled in since the last scrape.
     * If none was, {@code stat}'s CPU times and faults and {@code io}'s bytes cannot have changed
     * (the kernel counts them only while a thread runs; an exited thread's share stays in the
     * totals), and both files are skipped: an idle process costs its status, its threads'
     * schedstat, a stat of its fd directory and smaps_rollup. Memory comes from the status (the
     * same counters as stat's rss and vsize), as it changes without the process running.
     */
    private Outcome readDetails(TrackedProcess p) {
        boolean partial = false;
        ProcStatus leader = p.statusOfThisScrape != null ? p.statusOfThisScrape
                : file.readAndParse(p.proc, "status", ProcStatus::parse);
        if (leader == null && file.status() == ReadStatus.GONE) {
            return gone(p);
        }
        java.util.Arrays.fill(p.states, 0);
        ThreadCounters known = p.knownThread(p.pid);
        boolean ran = leader == null || !p.statRead || p.refresh || noSchedstat || known == null
                || leader.state() == 'R'
                || known.voluntary != leader.voluntaryCtxtSwitches()
                || known.nonvoluntary != leader.nonvoluntaryCtxtSwitches();
        if (leader == null) {
            partial = true; // unreadable or cut short, the process still there: the rest may read
            p.numThreads = 0;
        } else {
            p.swapBytes = leader.vmSwapBytes();
            p.rssBytes = Math.max(leader.vmRssBytes(), 0);
            p.vsizeBytes = Math.max(leader.vmSizeBytes(), 0);
            p.numThreads = leader.threads();
            int before = p.threadCount;
            if (p.numThreads <= 1) {
                countThread(p, p.pid, leader, null);
            } else {
                int threadsRan = readThreads(p, leader);
                if (threadsRan < 0) {
                    return gone(p);
                }
                ran |= threadsRan > 0;
            }
            p.retireThreads(scrape, opt.threadMetrics());
            ran |= p.threadCount != before;
        }

        if (ran && p.proc.hasHandle()) {
            ProcStat stat = file.readAndParse(p.proc, "stat", ProcStat::parse);
            if (stat == null && file.status() == ReadStatus.GONE) {
                return Outcome.REPLACED;
            }
            if (stat != null && stat.starttime() != p.starttimeTicks) {
                return Outcome.REPLACED; // cannot happen through a handle; a copied tree could
            }
            if (stat == null) {
                partial = true;
            } else {
                if (!stat.comm().equals(p.comm)) {
                    p.refresh = true; // an exec: read what is otherwise remembered
                    p.commChanged = true;
                    p.comm = stat.comm();
                }
                setCounters(p, stat);
            }
        }
        // after a failed read, try again rather than keep reporting nothing
        if (ran || p.readBytes < 0) {
            ProcIo io = file.readAndParse(p.proc, "io", ProcIo::parse);
            if (io != null) {
                p.readBytes = io.readBytes();
                p.writeBytes = io.writeBytes();
            } else if (file.status() == ReadStatus.GONE && vanished(p)) {
                return gone(p);
            } else {
                partial = true;
            }
        }

        if (opt.cgroupInfo() && (p.placement == null || p.commChanged || (scrape + p.pid) % CGROUP_REREAD_EVERY == 0)) {
            readPlacement(p);
        }

        // The open-files limit changes only through setrlimit/prlimit: read on a refresh, not every scrape.
        if (p.openFilesSoftLimit < 0 || p.refresh) {
            ProcLimits limits = file.readAndParse(p.proc, "limits", ProcLimits::parse);
            if (limits != null) {
                p.openFilesSoftLimit = limits.openFilesSoft();
            } else if (file.status() == ReadStatus.GONE && vanished(p)) {
                return gone(p);
            } else {
                partial = true;
            }
        }

        ReadStatus fd;
        if (opt.sockets()) {
            fd = fdLinks.scan(p, scrape);
            p.openFds = p.fdCount;
            partial |= fd == ReadStatus.OK && p.linksDenied; // listed, but its sockets are not known
        } else {
            fd = fds.count(p.dir.resolve("fd"));
            p.openFds = fds.openFds();
        }
        if (fd != ReadStatus.OK) {
            if (fd == ReadStatus.GONE && vanished(p)) {
                return gone(p);
            }
            p.openFds = -1;
            partial = true;
        }

        p.pssBytes = -1;
        p.swapPssBytes = -1;
        if (opt.smaps() && p.rssBytes <= opt.smapsMaxRssBytes()) {
            SmapsRollup smaps = file.readAndParse(p.proc, "smaps_rollup", SmapsRollup::parse);
            if (smaps != null) {
                p.pssBytes = smaps.pssBytes();
                p.swapPssBytes = smaps.swapPssBytes();
            } else if (file.status() != ReadStatus.GONE) {
                // GONE here also means "no address space" (kernel thread, zombie): nothing to report
                partial = true;
            }
        }
        if (partial) {
            countPartial(p);
        }
        return Outcome.READ;
    }

    /** Gone: through a handle, the pid may have a new process already. */
    private static Outcome gone(TrackedProcess p) {
        return p.proc.hasHandle() ? Outcome.REPLACED : Outcome.GONE;
    }

    private void countPartial(TrackedProcess p) {
        partialErrors++;
        Log.debug("partial read of process", "pid", p.pid, "group", p.group.name);
    }

    /**
     * After a file of a process was not found: whether the process itself is gone, or only that
     * file is missing (a kernel without I/O accounting, a copied tree), which is a partial read.
     */
    private boolean vanished(TrackedProcess p) {
        if (p.proc.hasHandle()) {
            return file.readAndParse(p.proc, "stat", ProcStat::parse) == null && file.status() == ReadStatus.GONE;
        }
        return !java.nio.file.Files.exists(p.dir.resolve("stat"));
    }

    /** Gives back the handles of every process; the tracker is not used afterwards. */
    void close() {
        for (TrackedProcess p : procs.values()) {
            p.proc.close();
        }
    }

    /**
     * Reads every thread's status (or the remembered one, see {@link #readThreadsByTid}), the
     * leader's given. The thread ids are listed on a refresh and when the number of threads differs
     * from the last listing; otherwise the remembered ids are read, and if one of them is gone (so
     * another thread took its place) the directory is listed after all.
     *
     * @return -1 when the task directory cannot be listed (the process is gone), else how many
     *     threads other than the leader had their status read, plus 1 if the threads are not the
     *     ones of the last listing: 0 means none of them ran
     */
    private int readThreads(TrackedProcess p, ProcStatus leader) {
        if (!p.refresh && p.tidCount == p.numThreads) {
            int read = readThreadsByTid(p, leader);
            if (!threadGone) {
                return read;
            }
        }
        String[] names = p.dir.resolve("task").toFile().list();
        if (names == null) {
            return -1;
        }
        int[] before = java.util.Arrays.copyOf(p.tids, p.tidCount);
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
        boolean changed = !java.util.Arrays.equals(before, 0, before.length, p.tids, 0, p.tidCount);
        // a thread gone since the listing is left out
        return (changed ? 1 : 0) + readThreadsByTid(p, leader);
    }

    /**
     * Reads the remembered thread ids: how many threads other than the leader had their status
     * read. Sets {@link #threadGone} when one of them is gone.
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
    private int readThreadsByTid(TrackedProcess p, ProcStatus leader) {
        java.util.Arrays.fill(p.states, 0);
        threadGone = false;
        int read = 0;
        for (int i = 0; i < p.tidCount; i++) {
            int tid = p.tids[i];
            if (tid == p.pid) {
                countThread(p, tid, leader, "task/" + tid);
                continue;
            }
            String taskDir = "task/" + tid;
            ThreadCounters known = p.knownThread(tid);
            ProcSchedstat sched = noSchedstat ? null
                    : file.readAndParse(p.proc, taskDir + "/schedstat", ProcSchedstat::parse);
            boolean schedstatGone = sched == null && !noSchedstat && file.status() == ReadStatus.GONE;
            if (known != null && sched != null && !p.refresh
                    && sched.timeslices() != 0 && sched.timeslices() == known.timeslices
                    && sched.runtimeNs() == known.runtimeNs) {
                p.states[known.state.ordinal()]++;
                known.seenInScrape = scrape;
                continue;
            }
            ProcStatus status = file.readAndParse(p.proc, taskDir + "/status", ProcStatus::parse);
            if (status == null) {
                threadGone = true; // it exited since the listing
                continue;
            }
            noSchedstat |= schedstatGone;
            read++;
            ThreadCounters t = countThread(p, tid, status, taskDir);
            // read before the status: if the thread ran in between, the next scrape reads it again
            t.runtimeNs = sched == null ? 0 : sched.runtimeNs();
            t.timeslices = sched == null ? 0 : sched.timeslices();
        }
        return read;
    }

    /** Counts a thread's state and switches; {@code taskDir} is its directory relative to the process's, null for the process's own. */
    private ThreadCounters countThread(TrackedProcess p, int tid, ProcStatus status, String taskDir) {
        ThreadState state = ThreadState.of(status.state());
        p.states[state.ordinal()]++;
        ThreadCounters t = p.thread(tid);
        t.state = state;
        t.seenInScrape = scrape;
        t.voluntary = status.voluntaryCtxtSwitches();
        t.nonvoluntary = status.nonvoluntaryCtxtSwitches();
        if (opt.threadMetrics()) {
            ProcStat stat = file.readAndParse(p.proc, taskDir == null ? "stat" : taskDir + "/stat", ProcStat::parse);
            ThreadCounters.Detail d = t.detail();
            if (stat != null) {
                d.name = stat.comm();
                d.utime = stat.utime();
                d.stime = stat.stime();
                d.minflt = stat.minflt();
                d.majflt = stat.majflt();
            }
            ProcIo io = file.readAndParse(p.proc, taskDir == null ? "io" : taskDir + "/io", ProcIo::parse);
            if (io != null) {
                d.readBytes = io.readBytes();
                d.writeBytes = io.writeBytes();
            }
            // read when the status is: a thread that has not run since waits where it waited
            d.wchan = file.readAndParse(p.proc, taskDir == null ? "wchan" : taskDir + "/wchan", wchans);
        }
        return t;
    }

    /**
     * A thread's {@code wchan}: the symbol it sleeps in, "0" when it runs or when the kernel will
     * not say (no ptrace access); each name kept once.
     */
    private final ProcFile.Parser<String> wchans = new ProcFile.Parser<>() {
        private final Map<String, String> names = new HashMap<>();

        @Override
        public String parse(byte[] b, int len) {
            while (len > 0 && (b[len - 1] == '\n' || b[len - 1] == ' ')) {
                len--;
            }
            if (len == 0 || (len == 1 && b[0] == '0')) {
                return null;
            }
            String name = new String(b, 0, len, StandardCharsets.UTF_8);
            if (names.size() > 4096) {
                names.clear(); // kernel symbols are a few hundred; a bound all the same
            }
            return names.computeIfAbsent(name, n -> n);
        }
    };

    private void retire(TrackedProcess p) {
        p.proc.close();
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

    /** The cgroup file of a process being named ({@code {{.Cgroups}}}); sets {@link #cgroupHash}; null when unreadable. */
    private ProcCgroup cgroup(Path dir) {
        if (file.read(dir.resolve("cgroup")) != ReadStatus.OK) {
            return null;
        }
        cgroupHash = hash(file.buffer(), file.length());
        return ProcCgroup.parse(file.buffer(), file.length());
    }

    /** The hash of the cgroup file last read by {@link #cgroup}. */
    private long cgroupHash;

    /**
     * Reads where {@code p} lives. The file is the same bytes for most re-reads: then nothing is
     * parsed or allocated. A file that cannot be read gives {@link CgroupPlacement#UNKNOWN}
     * (no cgroup_info series), read again only as a re-read would be.
     */
    private void readPlacement(TrackedProcess p) {
        placementOf = p;
        CgroupPlacement read = file.readAndParse(p.proc, "cgroup", placementParser);
        placementOf = null;
        if (read != null) {
            p.placement = read;
        } else if (p.placement == null) {
            p.placement = CgroupPlacement.UNKNOWN;
        }
    }

    /** The process {@link #placementParser} parses for. */
    private TrackedProcess placementOf;
    private final ProcFile.Parser<CgroupPlacement> placementParser = (b, len) -> {
        long h = hash(b, len);
        if (placementOf.placement != null && placementOf.cgroupHash == h) {
            return placementOf.placement;
        }
        ProcCgroup c = ProcCgroup.parse(b, len);
        if (c == null) {
            return null;
        }
        placementOf.cgroupHash = h;
        return intern(CgroupPlacement.of(c));
    };

    /** Placements by value: the processes of a service or container share one. */
    private final Map<CgroupPlacement, CgroupPlacement> placements = new HashMap<>();

    private CgroupPlacement intern(CgroupPlacement p) {
        if (placements.size() > 4 * procs.size() + 1024) {
            placements.clear(); // what processes that are gone left; the live ones keep theirs
        }
        return placements.computeIfAbsent(p, x -> x);
    }

    /** FNV-1a, 64 bits. */
    private static long hash(byte[] b, int len) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < len; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
