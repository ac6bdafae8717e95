package org.nodeprocessexporter.collector.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.cli.FlagValues;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.config.ConfigFileException;
import org.nodeprocessexporter.procfs.KernelStat;
import org.nodeprocessexporter.procfs.ProcLimits;
import org.nodeprocessexporter.procfs.SystemConstants;

/**
 * {@code process_detail}: process-exporter's {@code namedprocess_namegroup_*} metrics for every
 * group of processes (by default one group per process, {@code <comm>_<pid>}).
 */
public final class ProcessDetailCollector implements Collector {
    static final String CONFIG = "collector.process_detail.config.path";
    static final String KERNEL_THREADS = "collector.process_detail.kernel-threads";
    static final String CHILDREN = "collector.process_detail.children";
    static final String THREADS = "collector.process_detail.threads";
    static final String SMAPS = "collector.process_detail.smaps";
    static final String SMAPS_MAX_RSS = "collector.process_detail.smaps.max-rss";
    static final String NETSTAT = "collector.process_detail.netstat";
    static final String NETSTAT_STATES = "collector.process_detail.netstat.states";
    static final String NETSTAT_MAX = "collector.process_detail.netstat.max-per-group";
    static final String CONNECTIONS = "collector.process_detail.connections";

    public static final CollectorSpec SPEC = CollectorSpec.of("process_detail", true, ProcessDetailCollector::new,
            Flag.string(CONFIG, "", "process-exporter YAML config (process_names) naming processes into groups; "
                    + "without it every process is its own group <comm>_<pid>. Re-read on SIGHUP.")
                    .withPlaceholder("FILE"),
            Flag.bool(KERNEL_THREADS, false, "Also report kernel threads (children of kthreadd)."),
            Flag.bool(CHILDREN, true, "A process no rule names joins the group of its nearest named ancestor "
                    + "(process-exporter's -children)."),
            Flag.bool(THREADS, false, "Report per-thread-name metrics (namedprocess_namegroup_thread_*)."),
            Flag.bool(SMAPS, true, "Read smaps_rollup for the proportionalResident and proportionalSwapped memtypes."),
            Flag.string(SMAPS_MAX_RSS, "4GiB", "Skip smaps_rollup for processes with a larger resident set: the "
                    + "kernel walks the whole address space under the process's mmap lock to produce it.")
                    .withPlaceholder("SIZE"),
            Flag.bool(NETSTAT, true, "One namedprocess_namegroup_netstat series per TCP/UDP socket a group holds "
                    + "(labels protocol, local, remote; value: the kernel's state number)."),
            Flag.string(NETSTAT_STATES, "", "Only these socket states in netstat, comma-separated names or numbers "
                    + "(e.g. listen,established); empty for all.").withPlaceholder("STATES"),
            Flag.integer(NETSTAT_MAX, 1000, "At most this many netstat series per group (the rest are counted in "
                    + "namedprocess_namegroup_netstat_dropped); 0 for no limit.").withPlaceholder("N"),
            Flag.bool(CONNECTIONS, true, "namedprocess_namegroup_connections: sockets per group, protocol and state "
                    + "(low cardinality)."));

    private static final String P = "namedprocess_namegroup_";

    private final Path configPath;
    private final boolean netstat;
    private final boolean connections;
    private final BitSet netstatStates;
    private final int netstatMax;
    private final ProcessTracker.Options baseOptions;
    private ProcessTracker tracker;

    private ProcessDetailCollector(CollectorContext ctx) throws Exception {
        FlagValues f = ctx.flags();
        long maxRss;
        try {
            maxRss = ByteSize.parse(f.string(SMAPS_MAX_RSS));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + f.string(SMAPS_MAX_RSS) + "\" for flag --" + SMAPS_MAX_RSS
                    + ": " + e.getMessage());
        }
        this.configPath = f.string(CONFIG).isEmpty() ? null : Path.of(f.string(CONFIG));
        this.netstat = f.bool(NETSTAT);
        this.connections = f.bool(CONNECTIONS);
        try {
            this.netstatStates = SocketStates.parse(f.string(NETSTAT_STATES));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value for flag --" + NETSTAT_STATES + ": " + e.getMessage());
        }
        this.netstatMax = f.integer(NETSTAT_MAX);
        if (netstatMax < 0) {
            throw new UsageException("invalid value for flag --" + NETSTAT_MAX + ": must be >= 0");
        }
        SystemConstants sys = SystemConstants.read(ctx.procfs());
        double bootTime = KernelStat.read(ctx.procfs()).bootTime();
        UserNames users = new UserNames(ctx.root("/etc/passwd"));
        this.baseOptions = new ProcessTracker.Options(ctx.procfs(), new GroupNamer(loadConfig(), users),
                f.bool(KERNEL_THREADS), f.bool(CHILDREN), f.bool(THREADS), f.bool(SMAPS), maxRss,
                netstat || connections, sys.clockTicksPerSecond(), sys.pageSizeBytes(), bootTime);
        this.tracker = new ProcessTracker(baseOptions);
    }

    private NamingConfig loadConfig() throws UsageException {
        if (configPath == null) {
            return null;
        }
        try {
            return NamingConfig.load(configPath);
        } catch (ConfigFileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** SIGHUP: a new naming applies to all processes; groups and their totals start afresh. */
    @Override
    public void reload() throws Exception {
        if (configPath == null) {
            return;
        }
        NamingConfig config = loadConfig();
        ProcessTracker.Options o = baseOptions;
        tracker = new ProcessTracker(new ProcessTracker.Options(o.procRoot(),
                new GroupNamer(config, o.namer().users()), o.kernelThreads(), o.children(), o.threadMetrics(),
                o.smaps(), o.smapsMaxRssBytes(), o.sockets(), o.clockTicks(), o.pageSize(), o.bootTime()));
    }

    @Override
    public void collect(MetricSink sink) {
        ProcessTracker t = tracker;
        try {
            t.update();
        } finally {
            errors(sink, t);
        }
        emit(sink, t);
    }

    private static void errors(MetricSink sink, ProcessTracker t) {
        // process-exporter's counters lack the _total suffix, which the Java client would add to a
        // counter; untyped keeps the names that dashboards and alerts use.
        sink.untyped("namedprocess_scrape_errors", "general scrape errors: no proc metrics collected during a cycle")
                .add(t.scrapeErrors);
        sink.untyped("namedprocess_scrape_procread_errors", "incremented each time a proc's metrics collection fails")
                .add(t.procReadErrors);
        sink.untyped("namedprocess_scrape_partial_errors",
                "incremented each time a tracked proc's metrics collection fails partially, e.g. unreadable I/O stats")
                .add(t.partialErrors);
    }

    /** One group's sums over its live members in this scrape. */
    private static final class Totals {
        int procs;
        int oldestPid;
        double oldestStart = Double.MAX_VALUE;
        final TreeSet<String> users = new TreeSet<>();
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
        Map<String, ThreadCounters> threadsByName;
        Map<String, Integer> threadCount;
        List<TrackedProcess> withSockets;
    }

    private void emit(MetricSink sink, ProcessTracker t) {
        ProcessTracker.Options o = t.options();
        Map<Group, Totals> totals = new HashMap<>();
        for (TrackedProcess p : t.processes()) {
            if (p.group == null) {
                continue;
            }
            Totals s = totals.computeIfAbsent(p.group, g -> new Totals());
            add(s, p, o.threadMetrics());
            if (p.netTables != null) {
                if (s.withSockets == null) {
                    s.withSockets = new ArrayList<>(1);
                }
                s.withSockets.add(p);
            }
        }
        TreeMap<String, Group> sorted = new TreeMap<>(t.groups());
        MetricFamily numProcs = sink.gauge(P + "num_procs", "number of processes in this group", "groupname");
        MetricFamily pid = sink.gauge(P + "pid", "pid of the oldest process in this group", "groupname");
        MetricFamily user = sink.gauge(P + "effective_username", "effective user of the processes in this group",
                "groupname", "username");
        MetricFamily cpu = sink.counter(P + "cpu_seconds_total", "Cpu user usage in seconds", "groupname", "mode");
        MetricFamily read = sink.counter(P + "read_bytes_total", "number of bytes read by this group", "groupname");
        MetricFamily write = sink.counter(P + "write_bytes_total", "number of bytes written by this group",
                "groupname");
        MetricFamily majflt = sink.counter(P + "major_page_faults_total", "Major page faults", "groupname");
        MetricFamily minflt = sink.counter(P + "minor_page_faults_total", "Minor page faults", "groupname");
        MetricFamily ctx = sink.counter(P + "context_switches_total", "Context switches", "groupname",
                "ctxswitchtype");
        MetricFamily memory = sink.gauge(P + "memory_bytes", "number of bytes of memory in use", "groupname",
                "memtype");
        MetricFamily fds = sink.gauge(P + "open_filedesc", "number of open file descriptors for this group",
                "groupname");
        MetricFamily fdRatio = sink.gauge(P + "worst_fd_ratio",
                "the worst (closest to 1) ratio between open fds and max fds among all procs in this group",
                "groupname");
        MetricFamily oldest = sink.gauge(P + "oldest_start_time_seconds",
                "start time in seconds since 1970/01/01 of oldest process in group", "groupname");
        MetricFamily threads = sink.gauge(P + "num_threads", "Number of threads", "groupname");
        MetricFamily states = sink.gauge(P + "states",
                "Number of threads in states Running, Sleeping, Waiting, Zombie, or Other", "groupname", "state");
        SocketSeries sockets = o.sockets() ? new SocketSeries(sink, netstat, connections, netstatStates, netstatMax)
                : null;
        double tick = o.clockTicks();
        for (Group g : sorted.values()) {
            Totals s = totals.get(g);
            if (s == null) {
                continue;
            }
            String n = g.name;
            GroupLabels l = g.labels();
            numProcs.add(s.procs, l.group);
            pid.add(s.oldestPid, l.group);
            for (String u : s.users) {
                user.add(1, n, u);
            }
            cpu.add((s.stime + g.exitedStime) / tick, l.cpu[0]);
            cpu.add((s.utime + g.exitedUtime) / tick, l.cpu[1]);
            if (s.anyIo || g.anyIo) {
                read.add(s.readBytes + g.exitedReadBytes, l.group);
                write.add(s.writeBytes + g.exitedWriteBytes, l.group);
            }
            majflt.add(s.majflt + g.exitedMajflt, l.group);
            minflt.add(s.minflt + g.exitedMinflt, l.group);
            ctx.add(s.nonvoluntary + g.exitedNonvoluntary, l.ctx[0]);
            ctx.add(s.voluntary + g.exitedVoluntary, l.ctx[1]);
            if (s.anyPss) {
                memory.add(s.pss, l.memory[GroupLabels.PSS]);
                memory.add(s.swapPss, l.memory[GroupLabels.SWAP_PSS]);
            }
            memory.add(s.rss, l.memory[GroupLabels.RESIDENT]);
            if (s.anySwap) {
                memory.add(s.swap, l.memory[GroupLabels.SWAPPED]);
            }
            memory.add(s.vsize, l.memory[GroupLabels.VIRTUAL]);
            if (s.anyFds) {
                fds.add(s.openFds, l.group);
            }
            if (s.worstFdRatio >= 0) {
                fdRatio.add(s.worstFdRatio, l.group);
            }
            oldest.add(s.oldestStart, l.group);
            threads.add(s.threads, l.group);
            for (ThreadState st : ThreadState.values()) {
                states.add(s.states[st.ordinal()], l.states[st.ordinal()]);
            }
            if (o.threadMetrics()) {
                emitThreads(sink, g, s, tick);
            }
            if (sockets != null) {
                sockets.add(n, s.withSockets);
            }
        }
    }

    private static void add(Totals s, TrackedProcess p, boolean threadMetrics) {
        s.procs++;
        if (p.startSeconds < s.oldestStart || (p.startSeconds == s.oldestStart && p.pid < s.oldestPid)) {
            s.oldestStart = p.startSeconds;
            s.oldestPid = p.pid;
        }
        s.users.add(p.username);
        s.utime += p.utime;
        s.stime += p.stime;
        s.minflt += p.minflt;
        s.majflt += p.majflt;
        if (p.readBytes >= 0) {
            s.readBytes += p.readBytes;
            s.writeBytes += p.writeBytes;
            s.anyIo = true;
        }
        s.voluntary += p.voluntarySwitches();
        s.nonvoluntary += p.nonvoluntarySwitches();
        s.rss += p.rssBytes;
        s.vsize += p.vsizeBytes;
        if (p.swapBytes >= 0) {
            s.swap += p.swapBytes;
            s.anySwap = true;
        }
        if (p.pssBytes >= 0) {
            s.pss += p.pssBytes;
            s.swapPss += Math.max(0, p.swapPssBytes);
            s.anyPss = true;
        }
        if (p.openFds >= 0) {
            s.openFds += p.openFds;
            s.anyFds = true;
            if (p.openFilesSoftLimit > 0 && !ProcLimits.isUnlimited(p.openFilesSoftLimit)) {
                s.worstFdRatio = Math.max(s.worstFdRatio, (double) p.openFds / p.openFilesSoftLimit);
            } else if (ProcLimits.isUnlimited(p.openFilesSoftLimit)) {
                s.worstFdRatio = Math.max(s.worstFdRatio, 0);
            }
        }
        s.threads += p.numThreads;
        for (int i = 0; i < s.states.length; i++) {
            s.states[i] += p.states[i];
        }
        if (threadMetrics) {
            if (s.threadsByName == null) {
                s.threadsByName = new TreeMap<>();
                s.threadCount = new TreeMap<>();
            }
            for (ThreadCounters tc : p.threads.values()) {
                String name = tc.name == null ? "" : tc.name;
                tc.addTo(s.threadsByName.computeIfAbsent(name, x -> new ThreadCounters()));
                s.threadCount.merge(name, 1, Integer::sum);
            }
            p.exitedThreads.forEach((name, tc) -> tc.addTo(s.threadsByName.computeIfAbsent(name, x -> new ThreadCounters())));
        }
    }

    private static void emitThreads(MetricSink sink, Group g, Totals s, double tick) {
        MetricFamily count = sink.gauge(P + "thread_count", "Number of threads in this group with same threadname",
                "groupname", "threadname");
        MetricFamily cpu = sink.counter(P + "thread_cpu_seconds_total", "Cpu user/system usage in seconds",
                "groupname", "threadname", "mode");
        MetricFamily io = sink.counter(P + "thread_io_bytes_total", "number of bytes read/written by these threads",
                "groupname", "threadname", "iomode");
        MetricFamily maj = sink.counter(P + "thread_major_page_faults_total", "Major page faults for these threads",
                "groupname", "threadname");
        MetricFamily min = sink.counter(P + "thread_minor_page_faults_total", "Minor page faults for these threads",
                "groupname", "threadname");
        MetricFamily ctx = sink.counter(P + "thread_context_switches_total", "Context switches for these threads",
                "groupname", "threadname", "ctxswitchtype");
        Map<String, ThreadCounters> all = new TreeMap<>();
        if (s.threadsByName != null) {
            s.threadsByName.forEach((name, tc) -> tc.addTo(all.computeIfAbsent(name, x -> new ThreadCounters())));
        }
        g.exitedThreads.forEach((name, tc) -> tc.addTo(all.computeIfAbsent(name, x -> new ThreadCounters())));
        List<String> names = new ArrayList<>(all.keySet());
        for (String name : names) {
            ThreadCounters tc = all.get(name);
            int live = s.threadCount == null ? 0 : s.threadCount.getOrDefault(name, 0);
            String n = g.name;
            count.add(live, n, name);
            cpu.add(tc.utime / tick, n, name, "user");
            cpu.add(tc.stime / tick, n, name, "system");
            io.add(tc.readBytes, n, name, "read");
            io.add(tc.writeBytes, n, name, "write");
            maj.add(tc.majflt, n, name);
            min.add(tc.minflt, n, name);
            ctx.add(tc.voluntary, n, name, "voluntary");
            ctx.add(tc.nonvoluntary, n, name, "nonvoluntary");
        }
    }
}
