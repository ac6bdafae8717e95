package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.cli.FlagValues;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.collector.node.PerfProfilers.Event;
import org.nodeprocessexporter.collector.node.PerfProfilers.Kind;
import org.nodeprocessexporter.collector.node.PerfProfilers.Tracepoint;
import org.nodeprocessexporter.sys.Errno;
import org.nodeprocessexporter.sys.PerfEventAttr;
import org.nodeprocessexporter.sys.PerfEvents;

/**
 * node_exporter's {@code perf}: hardware, software and cache counters and kernel tracepoints of
 * every process, per CPU, through perf_event_open(2), opened as node_exporter (hodgesds/perf-utils)
 * opens them: one descriptor per event and CPU (pid -1, disabled, inherit, exclude_hv, read format
 * with the enabled and running times), enabled at start-up, read with one read(2) each scrape and
 * reported raw (not scaled by the running time); tracepoints as one group per CPU, read through
 * its leader. The CPUs are {@code --collector.perf.cpus}, else 0 up to the number of CPUs this
 * process may run on, as upstream counts them. Tracepoint ids come from the first tracefs mount
 * in {@code /proc/mounts}.
 *
 * <p>As upstream: an event the kernel refuses at start-up (no PMU for the hardware and cache
 * events, an event the CPU does not have, an offline CPU) is left out, the others are collected;
 * a hardware or cache counter that cannot be read fails the scrape, a software one is skipped; a
 * tracepoint that cannot be set up, a flag that does not parse or an enable that fails stops
 * start-up. Deliberate differences: when the kernel refused every event asked for (e.g.
 * {@code perf_event_paranoid} without CAP_PERFMON), every scrape fails with the reason, where
 * upstream succeeds with no series; the refused events are logged once at start-up; tracepoint
 * series ({@code node_perf_<subsystem>_<event>}, a counter without {@code _total} upstream) are
 * untyped, which keeps their name; events that node_exporter opens but never exports are not
 * opened.
 */
public final class PerfCollector implements Collector {
    static final String CPUS = "collector.perf.cpus";
    static final String TRACEPOINT = "collector.perf.tracepoint";

    public static final CollectorSpec SPEC = CollectorSpec.of("perf", false,
            ctx -> create(ctx, PerfEvents.kernel(), Path.of("/proc/mounts")),
            Flag.string(CPUS, "", "List of CPUs from which perf metrics should be collected"),
            Flag.strings(TRACEPOINT, "", "perf tracepoint that should be collected"),
            Flag.bool("collector.perf.disable-hardware-profilers", false, "disable perf hardware profilers"),
            Flag.strings("collector.perf.hardware-profilers", "", "perf hardware profilers that should be collected"),
            Flag.bool("collector.perf.disable-software-profilers", false, "disable perf software profilers"),
            Flag.strings("collector.perf.software-profilers", "", "perf software profilers that should be collected"),
            Flag.bool("collector.perf.disable-cache-profilers", false, "disable perf cache profilers"),
            Flag.strings("collector.perf.cache-profilers", "", "perf cache profilers that should be collected"));

    private static String disable(Kind kind) {
        return "collector.perf.disable-" + kind.flagWord + "-profilers";
    }

    private static String allow(Kind kind) {
        return "collector.perf." + kind.flagWord + "-profilers";
    }

    /** One open counter. */
    private record Counter(Event event, String cpu, int fd) {
    }

    /** One CPU's tracepoint group: the leader first. */
    private record Group(String cpu, int[] fds) {
    }

    private final PerfEvents events;
    private final List<Counter> counters;
    private final List<Group> groups;
    private final List<Tracepoint> tracepoints;
    /** Why nothing is counted, when the kernel refused every event asked for; null otherwise. */
    private final String refusal;
    private final long[] words;

    private PerfCollector(PerfEvents events, List<Counter> counters, List<Group> groups, List<Tracepoint> tracepoints,
                          String refusal) {
        this.events = events;
        this.counters = counters;
        this.groups = groups;
        this.tracepoints = tracepoints;
        this.refusal = refusal;
        this.words = new long[3 + tracepoints.size()];
    }

    /** Opens and enables every counter; {@code mounts} is where the tracefs mount is looked up. */
    static PerfCollector create(CollectorContext ctx, PerfEvents events, Path mounts) throws Exception {
        FlagValues f = ctx.flags();
        List<Integer> cpus = new ArrayList<>();
        if (!f.string(CPUS).isEmpty()) {
            cpus.addAll(PerfProfilers.cpus(f.string(CPUS)));
        } else {
            for (int i = 0, n = events.usableCpus(); i < n; i++) {
                cpus.add(i);
            }
        }
        List<Tracepoint> tracepoints = PerfProfilers.tracepoints(nonEmpty(f.strings(TRACEPOINT)));
        List<Counter> counters = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        try {
            if (!tracepoints.isEmpty()) {
                openGroups(events, tracepoints, cpus, tracepointIds(tracepoints, mounts), groups);
            }
            Map<String, List<String>> refused = new LinkedHashMap<>(); // "kind: errno" -> events
            int asked = 0;
            for (Kind kind : Kind.values()) {
                List<Event> wanted = PerfProfilers.selected(kind, f.bool(disable(kind)), nonEmpty(f.strings(allow(kind))));
                for (int cpu : cpus) {
                    for (Event e : wanted) {
                        asked++;
                        int fd = events.open(PerfEventAttr.encode(e.type(), e.config(), TIMES,
                                PerfEventAttr.DISABLED | PerfEventAttr.EXCLUDE_HV | PerfEventAttr.INHERIT), cpu, -1);
                        if (fd < 0) {
                            refused.computeIfAbsent(kind.flagWord + ": " + Errno.text(-fd), k -> new ArrayList<>())
                                    .add(e.flagName() + "@" + cpu);
                        } else {
                            counters.add(new Counter(e, Integer.toString(cpu), fd));
                        }
                    }
                }
            }
            for (Counter c : counters) {
                int r = events.enable(c.fd(), false);
                if (r < 0) {
                    throw new IOException("enabling perf event " + c.event().flagName() + " on cpu " + c.cpu() + ": "
                            + Errno.text(-r));
                }
            }
            refused.forEach((why, which) -> Log.info("perf events refused by the kernel are not collected",
                    "profilers", why.substring(0, why.indexOf(':')), "err", why.substring(why.indexOf(':') + 2),
                    "events", String.join(",", which)));
            String refusal = null;
            if (asked > 0 && counters.isEmpty() && groups.isEmpty()) {
                refusal = "perf_event_open refused every event: " + String.join("; ", refused.keySet())
                        + paranoia(ctx);
            }
            return new PerfCollector(events, counters, groups, tracepoints, refusal);
        } catch (Exception | Error e) {
            closeAll(events, counters, groups);
            throw e;
        }
    }

    private static final long TIMES = PerfEventAttr.FORMAT_TOTAL_TIME_ENABLED | PerfEventAttr.FORMAT_TOTAL_TIME_RUNNING;

    private static List<String> nonEmpty(List<String> values) {
        return values.stream().filter(v -> !v.isEmpty()).toList();
    }

    private static String paranoia(CollectorContext ctx) {
        try {
            String level = Files.readString(ctx.proc("sys", "kernel", "perf_event_paranoid")).trim();
            return " (kernel.perf_event_paranoid is " + level + "; counting every process of a CPU needs it at most 0, "
                    + "or CAP_PERFMON; the hardware and cache events need a PMU)";
        } catch (IOException e) {
            return "";
        }
    }

    /** The config of each tracepoint: its id under the first tracefs mount of {@code mounts}. */
    private static long[] tracepointIds(List<Tracepoint> tracepoints, Path mounts) throws IOException {
        String tracefs = null;
        for (String line : Files.readAllLines(mounts)) {
            String[] f = line.split(" ");
            if (f.length > 3 && f[2].equals("tracefs")) {
                tracefs = f[1];
                break;
            }
        }
        if (tracefs == null) {
            throw new IOException("no tracefs mount in " + mounts);
        }
        long[] ids = new long[tracepoints.size()];
        for (int i = 0; i < ids.length; i++) {
            Tracepoint t = tracepoints.get(i);
            Path id = Path.of(tracefs, "events", t.subsystem(), t.event(), "id");
            try {
                ids[i] = Long.parseUnsignedLong(Files.readAllLines(id).get(0).trim());
            } catch (IOException | RuntimeException e) {
                throw new IOException("Failed to get tracepoint config for " + t.subsystem() + ":" + t.event() + ": "
                        + e.getMessage(), e);
            }
        }
        return ids;
    }

    private static void openGroups(PerfEvents events, List<Tracepoint> tracepoints, List<Integer> cpus, long[] ids,
                                   List<Group> groups) throws IOException {
        long format = TIMES | PerfEventAttr.FORMAT_GROUP;
        for (int cpu : cpus) {
            int[] fds = new int[ids.length];
            java.util.Arrays.fill(fds, -1);
            groups.add(new Group(Integer.toString(cpu), fds));
            for (int i = 0; i < ids.length; i++) {
                long flags = i == 0 ? PerfEventAttr.DISABLED | PerfEventAttr.EXCLUDE_HV : PerfEventAttr.EXCLUDE_HV;
                int fd = events.open(PerfEventAttr.encode(PerfEventAttr.TYPE_TRACEPOINT, ids[i], format, flags), cpu,
                        i == 0 ? -1 : fds[0]);
                if (fd < 0) {
                    throw new IOException("opening tracepoint " + tracepoints.get(i).subsystem() + ":"
                            + tracepoints.get(i).event() + " on cpu " + cpu + ": " + Errno.text(-fd));
                }
                fds[i] = fd;
            }
        }
        for (Group g : groups) {
            int r = events.enable(g.fds()[0], true);
            if (r < 0) {
                throw new IOException("enabling the tracepoints on cpu " + g.cpu() + ": " + Errno.text(-r));
            }
        }
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (refusal != null) {
            throw new IOException(refusal);
        }
        for (Counter c : counters) {
            int n = events.read(c.fd(), words, 3);
            if (n < 3) {
                if (c.event().kind() == Kind.SOFTWARE) {
                    continue; // as perf-utils, which drops a software value it cannot read
                }
                throw new IOException("reading perf event " + c.event().flagName() + " on cpu " + c.cpu() + ": "
                        + (n < 0 ? Errno.text(-n) : "short read"));
            }
            sink.counter("node_perf_" + c.event().metric(), c.event().help(), "cpu")
                    .addUnsigned(words[0], c.cpu());
        }
        int k = tracepoints.size();
        for (Group g : groups) {
            int n = events.read(g.fds()[0], words, 3 + k);
            if (n < 3 + k) {
                throw new IOException("reading the tracepoints of cpu " + g.cpu() + ": "
                        + (n < 0 ? Errno.text(-n) : "short read"));
            }
            for (int i = 0; i < k; i++) {
                Tracepoint t = tracepoints.get(i);
                MetricFamily family = sink.untyped(t.metric(), t.help(), "cpu");
                family.addUnsigned(words[3 + i], g.cpu());
            }
        }
    }

    @Override
    public void close() {
        closeAll(events, counters, groups);
    }

    private static void closeAll(PerfEvents events, List<Counter> counters, List<Group> groups) {
        for (Counter c : counters) {
            events.close(c.fd());
        }
        for (Group g : groups) {
            for (int i = g.fds().length - 1; i >= 0; i--) {
                if (g.fds()[i] >= 0) { // a group is listed before all its members are open
                    events.close(g.fds()[i]);
                }
            }
        }
        counters.clear();
        groups.clear();
    }
}
