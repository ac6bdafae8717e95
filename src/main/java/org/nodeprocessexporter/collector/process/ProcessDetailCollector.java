package org.nodeprocessexporter.collector.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.cli.FlagValues;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.StreamedFamily;
import org.nodeprocessexporter.config.ConfigFileException;
import org.nodeprocessexporter.procfs.KernelStat;
import org.nodeprocessexporter.procfs.SystemConstants;

/**
 * {@code process_detail}: process-exporter's {@code namedprocess_namegroup_*} metrics for every
 * group of processes (by default one group per process, {@code <comm>_<pid>}), with
 * process-exporter 0.8.7's group lifecycle and flags under our prefix, plus netstat, connections,
 * {@code cgroup_info} and the top-processes folding; docs/process-detail.md has the whole of it,
 * docs/differences.md where it differs from process-exporter.
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
    static final String REMOVE_EMPTY = "collector.process_detail.remove-empty-groups";
    static final String RECHECK = "collector.process_detail.recheck";
    static final String RECHECK_LIMIT = "collector.process_detail.recheck-with-time-limit";
    static final String PROCNAMES = "collector.process_detail.procnames";
    static final String NAMEMAPPING = "collector.process_detail.namemapping";
    static final String CGROUP_INFO = "collector.process_detail.cgroup-info";
    static final String TOP = "collector.process_detail.top-processes";

    public static final CollectorSpec SPEC = CollectorSpec.of("process_detail", true, ProcessDetailCollector::new,
            Flag.string(CONFIG, "", "process-exporter YAML config (process_names) naming processes into groups; "
                    + "without it every process is its own group <comm>_<pid>. Re-read on SIGHUP.")
                    .withPlaceholder("FILE"),
            Flag.string(PROCNAMES, "", "Comma-separated comm names to report, each a group (process-exporter's "
                    + "-procnames); instead of a config file.").withPlaceholder("NAMES"),
            Flag.string(NAMEMAPPING, "", "Comma-separated list alternating a comm name and a regexp over its "
                    + "command line: the group is comm:first-capture (process-exporter's -namemapping).")
                    .withPlaceholder("COMM,REGEXP,..."),
            Flag.bool(REMOVE_EMPTY, false, "Forget a group once its processes are gone (process-exporter's "
                    + "-remove-empty-groups); by default a group named by the rules stays with num_procs 0. Groups "
                    + "named by pid or start time (the default <comm>_<pid>) are forgotten either way."),
            Flag.bool(RECHECK, false, "Name again on each scrape the processes that no rule named "
                    + "(process-exporter's -recheck)."),
            Flag.duration(RECHECK_LIMIT, "0s", "Recheck a process only this long after its start; implies "
                    + "--" + RECHECK + " (process-exporter's -recheck-with-time-limit). 0 for no limit.")
                    .withPlaceholder("DURATION"),
            Flag.integer(TOP, 0, "Report groups of one process (<comm>_<pid>, names with the pid or start time) only "
                    + "for the N processes with the most CPU since the last scrape or the most resident memory, in "
                    + "turns; fold the others into one group per comm. 0 for all.").withPlaceholder("N"),
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
                    + "(low cardinality)."),
            Flag.bool(CGROUP_INFO, true, "namedprocess_namegroup_cgroup_info: the cgroup, systemd unit, container id "
                    + "and Kubernetes pod UID of each group's oldest process (its cgroup file is read when it is "
                    + "first seen, after an exec and every 64 scrapes)."));

    private static final String P = "namedprocess_namegroup_";

    private final Path configPath;
    private final boolean netstat;
    private final boolean connections;
    private final BitSet netstatStates;
    private final int netstatMax;
    private final ProcessTracker.Options baseOptions;
    private final int topProcesses;
    /** The tracker of the current naming, and the top-processes selection over its groups (null without). */
    private record Current(ProcessTracker tracker, TopProcesses top) {
    }

    private volatile Current current;
    /** Trackers a reload replaced, to be closed by the next scrape. */
    private final java.util.Queue<ProcessTracker> replaced = new java.util.concurrent.ConcurrentLinkedQueue<>();

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
        if (configPath != null && (f.isGiven(PROCNAMES) || f.isGiven(NAMEMAPPING))) {
            throw new UsageException("--" + CONFIG + " cannot be used with --" + NAMEMAPPING + " or --" + PROCNAMES);
        }
        NamingRules procnames = null;
        if (!f.string(PROCNAMES).isEmpty() || !f.string(NAMEMAPPING).isEmpty()) {
            try {
                procnames = ProcnamesNaming.of(f.string(PROCNAMES), f.string(NAMEMAPPING));
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid value for flag --" + NAMEMAPPING + ": " + e.getMessage());
            }
        }
        double recheckSeconds = f.duration(RECHECK_LIMIT).toNanos() / 1e9;
        if (recheckSeconds < 0) {
            throw new UsageException("invalid value for flag --" + RECHECK_LIMIT + ": must not be negative");
        }
        SystemConstants sys = SystemConstants.read(ctx.procfs());
        double bootTime = KernelStat.read(ctx.procfs()).bootTime();
        UserNames users = new UserNames(ctx.root("/etc/passwd"));
        this.baseOptions = new ProcessTracker.Options(ctx.procfs(),
                new GroupNamer(configPath != null ? loadConfig() : procnames, users),
                f.bool(KERNEL_THREADS), f.bool(CHILDREN), f.bool(THREADS), f.bool(SMAPS), maxRss,
                netstat || connections, sys.clockTicksPerSecond(), sys.pageSizeBytes(), bootTime,
                f.bool(REMOVE_EMPTY), f.bool(RECHECK) || recheckSeconds > 0, recheckSeconds, f.bool(CGROUP_INFO));
        this.topProcesses = f.integer(TOP);
        if (topProcesses < 0) {
            throw new UsageException("invalid value for flag --" + TOP + ": must be >= 0");
        }
        this.current = track(baseOptions);
    }

    private Current track(ProcessTracker.Options o) {
        return new Current(new ProcessTracker(o),
                topProcesses == 0 ? null : new TopProcesses(topProcesses, o.removeEmptyGroups(), o.smaps()));
    }

    private NamingConfig loadConfig() throws UsageException {
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
        ProcessTracker old = current.tracker();
        current = track(baseOptions.withNamer(new GroupNamer(config, baseOptions.namer().users())));
        // a scrape may be reading through the old one's process handles right now: the next scrape,
        // which starts only after it, gives them back
        replaced.add(old);
    }

    /** The tracker of the next scrape (for tests). */
    ProcessTracker tracker() {
        return current.tracker();
    }

    @Override
    public synchronized void close() {
        closeReplaced();
        current.tracker().close();
    }

    private void closeReplaced() {
        for (ProcessTracker old; (old = replaced.poll()) != null; ) {
            old.close();
        }
    }

    // synchronized only against close(): the runner never calls collect twice at once
    @Override
    public synchronized void collect(MetricSink sink) {
        closeReplaced();
        Current c = current;
        ProcessTracker t = c.tracker();
        try {
            t.update();
        } finally {
            errors(sink, t);
        }
        emit(sink, rows(t, c.top()), t.options());
    }

    private static void errors(MetricSink sink, ProcessTracker t) {
        // process-exporter's names, without _total: counters in the text format, as it types them
        sink.unsuffixedCounter("namedprocess_scrape_errors",
                "general scrape errors: no proc metrics collected during a cycle").add(t.scrapeErrors);
        sink.unsuffixedCounter("namedprocess_scrape_procread_errors",
                "incremented each time a proc's metrics collection fails").add(t.procReadErrors);
        sink.unsuffixedCounter("namedprocess_scrape_partial_errors",
                "incremented each time a tracked proc's metrics collection fails partially, e.g. unreadable I/O stats")
                .add(t.partialErrors);
    }

    /**
     * The rows of this scrape's groups, sorted by group name: every group the tracker keeps, those
     * without processes (named, declared) with their frozen counters and zero gauges.
     */
    private List<GroupRow> rows(ProcessTracker t, TopProcesses top) {
        ProcessTracker.Options o = t.options();
        Map<Group, GroupRow> byGroup = new HashMap<>();
        for (TrackedProcess p : t.processes()) {
            if (p.group == null) {
                continue;
            }
            GroupRow r = byGroup.computeIfAbsent(p.group, GroupRow::new);
            r.add(p, o.threadMetrics());
        }
        List<GroupRow> rows = new ArrayList<>(t.groups().size());
        for (Group g : t.groups().values()) {
            GroupRow r = byGroup.get(g);
            if (r == null) {
                r = GroupRow.empty(g, o.smaps());
            } else {
                g.lastPlacement = r.placement;
            }
            r.addExited(g, o.threadMetrics());
            rows.add(r);
        }
        if (top != null) {
            rows = top.select(rows);
        }
        if (o.sockets()) {
            for (GroupRow r : rows) {
                r.sockets = SocketSeries.of(r.withSockets, netstat, connections, netstatStates, netstatMax);
                r.withSockets = null;
            }
        }
        rows.sort(java.util.Comparator.comparing(r -> r.group.value()));
        return rows;
    }

    private static final String[] GROUP = {"groupname"};

    private void emit(MetricSink sink, List<GroupRow> rows, ProcessTracker.Options o) {
        if (rows.isEmpty()) {
            return;
        }
        double tick = o.clockTicks();
        gauge(sink, P + "num_procs", "number of processes in this group", rows, GROUP,
                (r, out) -> out.sample(r.procs, r.group));
        boolean anyProcess = any(rows, r -> r.procs > 0);
        if (anyProcess) {
            gauge(sink, P + "pid", "pid of the oldest process in this group", rows, GROUP, (r, out) -> {
                if (r.procs > 0) {
                    out.sample(r.oldestPid, r.group);
                }
            });
        }
        if (anyProcess) {
            gauge(sink, P + "effective_username", "effective user of the processes in this group", rows,
                new String[] {"groupname", "username"}, (r, out) -> {
                    if (r.procs == 0) {
                        return;
                    }
                    if (r.moreUsers == null) {
                        out.sample(1, r.group, r.user);
                    } else {
                        for (String u : r.moreUsers) {
                            out.sample(1, r.group, u);
                        }
                    }
                });
        }
        counter(sink, P + "cpu_seconds_total", "Cpu user usage in seconds", rows, new String[] {"groupname", "mode"},
                (r, out) -> {
                    out.sample(r.stime / tick, r.group, "system");
                    out.sample(r.utime / tick, r.group, "user");
                });
        if (any(rows, r -> r.anyIo)) {
            counter(sink, P + "read_bytes_total", "number of bytes read by this group", rows, GROUP, (r, out) -> {
                if (r.anyIo) {
                    out.sample(r.readBytes, r.group);
                }
            });
            counter(sink, P + "write_bytes_total", "number of bytes written by this group", rows, GROUP, (r, out) -> {
                if (r.anyIo) {
                    out.sample(r.writeBytes, r.group);
                }
            });
        }
        counter(sink, P + "major_page_faults_total", "Major page faults", rows, GROUP,
                (r, out) -> out.sample(r.majflt, r.group));
        counter(sink, P + "minor_page_faults_total", "Minor page faults", rows, GROUP,
                (r, out) -> out.sample(r.minflt, r.group));
        counter(sink, P + "context_switches_total", "Context switches", rows, new String[] {"ctxswitchtype", "groupname"},
                (r, out) -> out.sample(r.nonvoluntary, "nonvoluntary", r.group.value()),
                (r, out) -> out.sample(r.voluntary, "voluntary", r.group.value()));
        gauge(sink, P + "memory_bytes", "number of bytes of memory in use", rows, new String[] {"groupname", "memtype"},
                (r, out) -> {
                    if (r.anyPss) {
                        out.sample(r.pss, r.group, "proportionalResident");
                        out.sample(r.swapPss, r.group, "proportionalSwapped");
                    }
                    out.sample(r.rss, r.group, "resident");
                    if (r.anySwap) {
                        out.sample(r.swap, r.group, "swapped");
                    }
                    out.sample(r.vsize, r.group, "virtual");
                });
        if (any(rows, r -> r.anyFds)) {
            gauge(sink, P + "open_filedesc", "number of open file descriptors for this group", rows, GROUP,
                    (r, out) -> {
                        if (r.anyFds) {
                            out.sample(r.openFds, r.group);
                        }
                    });
        }
        if (any(rows, r -> r.worstFdRatio >= 0)) {
            gauge(sink, P + "worst_fd_ratio",
                    "the worst (closest to 1) ratio between open fds and max fds among all procs in this group", rows,
                    GROUP, (r, out) -> {
                        if (r.worstFdRatio >= 0) {
                            out.sample(r.worstFdRatio, r.group);
                        }
                    });
        }
        if (anyProcess) {
            gauge(sink, P + "oldest_start_time_seconds",
                    "start time in seconds since 1970/01/01 of oldest process in group", rows, GROUP, (r, out) -> {
                        if (r.procs > 0) {
                            out.sample(r.oldestStart, r.group);
                        }
                    });
        }
        gauge(sink, P + "num_threads", "Number of threads", rows, GROUP, (r, out) -> out.sample(r.threads, r.group));
        gauge(sink, P + "states", "Number of threads in states Running, Sleeping, Waiting, Zombie, or Other", rows,
                new String[] {"groupname", "state"}, (r, out) -> {
                    for (ThreadState st : ThreadState.values()) {
                        out.sample(r.states[st.ordinal()], r.group, st.label);
                    }
                });
        if (o.cgroupInfo() && any(rows, GroupRow::hasPlacement)) {
            emitPlacements(sink, rows);
        }
        if (o.threadMetrics() && any(rows, GroupRow::hasThreads)) {
            emitThreads(sink, rows, tick);
        }
        if (o.sockets()) {
            emitSockets(sink, rows);
        }
    }

    /** cgroup_info: its first label is cgroup, so its rows are written in the order of all its labels. */
    private static void emitPlacements(MetricSink sink, List<GroupRow> rows) {
        List<GroupRow> placed = new ArrayList<>(rows.size());
        for (GroupRow r : rows) {
            if (r.hasPlacement()) {
                placed.add(r);
            }
        }
        placed.sort(java.util.Comparator.<GroupRow, String>comparing(r -> r.placement.cgroup())
                .thenComparing(r -> r.placement.containerId()).thenComparing(r -> r.group.value()));
        gauge(sink, P + "cgroup_info", "Where the oldest process of the group lives: its cgroup (v2, else v1), "
                + "systemd unit, container id and Kubernetes pod UID; empty where they do not apply", placed,
                new String[] {"cgroup", "container_id", "groupname", "pod_uid", "unit"}, (r, out) -> {
                    CgroupPlacement c = r.placement;
                    out.sample(1, c.cgroup(), c.containerId(), r.group.value(), c.podUid(), c.unit());
                });
    }

    private void emitSockets(MetricSink sink, List<GroupRow> rows) {
        if (netstat && any(rows, r -> r.sockets != null && r.sockets.netstat.length > 0)) {
            gauge(sink, P + "netstat", "TCP and UDP sockets held by the group; value: the kernel's socket state "
                    + "(1 ESTABLISHED, 7 CLOSE/unconnected UDP, 10 LISTEN, ...)", rows,
                    new String[] {"groupname", "local", "protocol", "remote"}, (r, out) -> {
                        if (r.sockets != null) {
                            StringBuilder local = new StringBuilder(48);
                            StringBuilder remote = new StringBuilder(48);
                            for (SocketSeries.Socket s : r.sockets.netstat) {
                                local.setLength(0);
                                remote.setLength(0);
                                out.sample(s.state(), r.group, s.appendLocal(local),
                                        SocketSeries.PROTOCOLS[s.protocol()], s.appendRemote(remote));
                            }
                        }
                    });
        }
        if (netstat && netstatMax > 0 && any(rows, r -> r.sockets != null && r.sockets.dropped > 0)) {
            gauge(sink, P + "netstat_dropped", "netstat series of the group left out of this scrape by "
                    + "--collector.process_detail.netstat.max-per-group (only for groups over the limit)", rows, GROUP,
                    (r, out) -> {
                        if (r.sockets != null && r.sockets.dropped > 0) {
                            out.sample(r.sockets.dropped, r.group);
                        }
                    });
        }
        if (connections && any(rows, r -> r.sockets != null)) {
            gauge(sink, P + "connections", "Number of TCP and UDP sockets held by the group, by protocol and state", rows,
                    new String[] {"groupname", "protocol", "state"}, (r, out) -> {
                        if (r.sockets == null) {
                            return;
                        }
                        for (int p = 0; p < SocketSeries.PROTOCOLS.length; p++) {
                            for (int state : SocketSeries.STATES_BY_NAME) {
                                int n = r.sockets.connections(p, state);
                                if (n > 0) {
                                    out.sample(n, r.group, SocketSeries.PROTOCOLS[p], SocketStates.name(state));
                                }
                            }
                        }
                    });
        }
    }

    private static void emitThreads(MetricSink sink, List<GroupRow> rows, double tick) {
        if (any(rows, r -> r.wchans != null)) {
            gauge(sink, P + "threads_wchan", "Number of threads in this group waiting on each wchan", rows,
                    new String[] {"groupname", "wchan"}, (r, out) -> {
                        if (r.wchans != null) {
                            for (Map.Entry<String, Integer> e : r.wchans.entrySet()) {
                                out.sample(e.getValue(), r.group, e.getKey());
                            }
                        }
                    });
        }
        String[] byName = {"groupname", "threadname"};
        gauge(sink, P + "thread_count", "Number of threads in this group with same threadname", rows, byName,
                (r, out) -> forThreads(r, (name, tc) ->
                        out.sample(r.threadCount.getOrDefault(name, 0), r.group, name)));
        counter(sink, P + "thread_cpu_seconds_total", "Cpu user/system usage in seconds", rows,
                new String[] {"groupname", "mode", "threadname"},
                (r, out) -> {
                    forThreads(r, (name, tc) -> out.sample(tc.stime() / tick, r.group, "system", name));
                    forThreads(r, (name, tc) -> out.sample(tc.utime() / tick, r.group, "user", name));
                });
        counter(sink, P + "thread_io_bytes_total", "number of bytes read/written by these threads", rows,
                new String[] {"groupname", "iomode", "threadname"},
                (r, out) -> {
                    forThreads(r, (name, tc) -> out.sample(tc.readBytes(), r.group, "read", name));
                    forThreads(r, (name, tc) -> out.sample(tc.writeBytes(), r.group, "write", name));
                });
        counter(sink, P + "thread_major_page_faults_total", "Major page faults for these threads", rows, byName,
                (r, out) -> forThreads(r, (name, tc) -> out.sample(tc.majflt(), r.group, name)));
        counter(sink, P + "thread_minor_page_faults_total", "Minor page faults for these threads", rows, byName,
                (r, out) -> forThreads(r, (name, tc) -> out.sample(tc.minflt(), r.group, name)));
        counter(sink, P + "thread_context_switches_total", "Context switches for these threads", rows,
                new String[] {"ctxswitchtype", "groupname", "threadname"},
                (r, out) -> forThreads(r, (name, tc) -> out.sample(tc.nonvoluntary, "nonvoluntary", r.group.value(),
                        name)),
                (r, out) -> forThreads(r, (name, tc) -> out.sample(tc.voluntary, "voluntary", r.group.value(), name)));
    }

    private interface ThreadSample {
        void write(String name, ThreadCounters tc) throws IOException;
    }

    private static void forThreads(GroupRow r, ThreadSample sample) throws IOException {
        if (r.threadsByName == null) {
            return;
        }
        for (Map.Entry<String, ThreadCounters> e : r.threadsByName.entrySet()) {
            sample.write(e.getKey(), e.getValue());
        }
    }

    /**
     * Whether any row passes. A loop rather than a stream: emit runs once a scrape, and the JIT,
     * compiling it with each stream pipeline inlined, took several MiB of compiler memory.
     */
    private static boolean any(List<GroupRow> rows, java.util.function.Predicate<GroupRow> test) {
        for (GroupRow r : rows) {
            if (test.test(r)) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static void gauge(MetricSink sink, String name, String help, List<GroupRow> rows, String[] labels,
                              StreamedFamily.RowWriter<GroupRow>... passes) {
        sink.streamed(StreamedFamily.ofRows(MetricFamily.Type.GAUGE, name, help, labels, rows, passes));
    }

    @SafeVarargs
    private static void counter(MetricSink sink, String name, String help, List<GroupRow> rows, String[] labels,
                                StreamedFamily.RowWriter<GroupRow>... passes) {
        sink.streamed(StreamedFamily.ofRows(MetricFamily.Type.COUNTER, name, help, labels, rows, passes));
    }
}
