package org.nodeprocessexporter.collector.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.Flag;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorSpec;
import org.nodeprocessexporter.collector.MetricFamily;
import org.nodeprocessexporter.collector.MetricSink;
import org.nodeprocessexporter.procfs.CpuInfo;
import org.nodeprocessexporter.procfs.KernelStat;
import org.nodeprocessexporter.procfs.KernelStat.CpuTimes;
import org.nodeprocessexporter.sysfs.SystemCpus;

/**
 * node_exporter's {@code cpu}: per-CPU times from {@code /proc/stat}, optionally {@code /proc/cpuinfo}
 * as labels, and from {@code /sys/devices/system/cpu} the thermal throttle counts, isolated and
 * online CPUs.
 */
public final class CpuCollector implements Collector {
    public static final CollectorSpec SPEC = CollectorSpec.of("cpu", true, CpuCollector::create,
            Flag.bool("collector.cpu.guest", true, "Enables metric node_cpu_guest_seconds_total"),
            Flag.bool("collector.cpu.info", false, "Enables metric cpu_info"),
            Flag.regexp("collector.cpu.info.flags-include", "",
                    "Filter the `flags` field in cpuInfo with a value that must be a regular expression"),
            Flag.regexp("collector.cpu.info.bugs-include", "",
                    "Filter the `bugs` field in cpuInfo with a value that must be a regular expression"));

    /** An idle time going back more than this is taken as a CPU hot-plugged out and in again. */
    private static final double JUMP_BACK_SECONDS = 3.0;

    private final CollectorContext ctx;
    private final boolean guest;
    private final boolean info;
    private final boolean frequency;
    private final Pattern flagsInclude;
    private final Pattern bugsInclude;
    private final List<Integer> isolated;
    /** Last exported times per CPU, so that counters never go backwards (kernel bugs, hotplug). */
    private final Map<Integer, CpuTimes> last = new HashMap<>();

    private CpuCollector(CollectorContext ctx, boolean info, List<Integer> isolated) {
        this.ctx = ctx;
        this.guest = ctx.flags().bool("collector.cpu.guest");
        this.info = info;
        // node_cpu_frequency_hertz comes with cpu_info only while the cpufreq collector is enabled.
        this.frequency = !ctx.flags().has("collector.cpufreq") || ctx.flags().bool("collector.cpufreq");
        this.flagsInclude = ctx.flags().regexp("collector.cpu.info.flags-include");
        this.bugsInclude = ctx.flags().regexp("collector.cpu.info.bugs-include");
        this.isolated = isolated;
    }

    private static CpuCollector create(CollectorContext ctx) throws IOException {
        boolean info = ctx.flags().bool("collector.cpu.info");
        if (!info && (ctx.flags().regexp("collector.cpu.info.flags-include") != null
                || ctx.flags().regexp("collector.cpu.info.bugs-include") != null)) {
            info = true;
            Log.info("--collector.cpu.info has been set to `true` because you set the following flags, like "
                    + "--collector.cpu.info.flags-include and --collector.cpu.info.bugs-include");
        }
        return new CpuCollector(ctx, info, SystemCpus.isolated(ctx.sysfs()));
    }

    @Override
    public void collect(MetricSink sink) throws Exception {
        if (info) {
            info(sink);
        }
        times(sink);
        if (isolated != null) {
            MetricFamily f = sink.gauge("node_cpu_isolated",
                    "Whether each core is isolated, information from /sys/devices/system/cpu/isolated.", "cpu");
            for (int cpu : isolated) {
                f.add(1, Integer.toString(cpu));
            }
        }
        List<Path> cpuDirs = SystemCpus.cpuDirs(ctx.sysfs());
        throttles(sink, cpuDirs);
        online(sink, cpuDirs);
    }

    private void info(MetricSink sink) throws IOException {
        List<CpuInfo.Cpu> cpus = CpuInfo.read(ctx.procfs()).cpus();
        MetricFamily f = sink.gauge("node_cpu_info", "CPU information from /proc/cpuinfo.", "package", "core",
                "cpu", "vendor", "family", "model", "model_name", "microcode", "stepping", "cachesize");
        for (CpuInfo.Cpu c : cpus) {
            f.add(1, c.physicalId(), c.coreId(), Integer.toString(c.processor()), c.vendorId(), c.cpuFamily(),
                    c.model(), c.modelName(), c.microcode(), c.stepping(), c.cacheSize());
        }
        if (frequency) {
            MetricFamily hz = sink.gauge("node_cpu_frequency_hertz", "CPU frequency in hertz from /proc/cpuinfo.",
                    "package", "core", "cpu");
            for (CpuInfo.Cpu c : cpus) {
                hz.add(c.mhz() * 1e6, c.physicalId(), c.coreId(), Integer.toString(c.processor()));
            }
        }
        if (!cpus.isEmpty()) {
            fieldInfo(sink.gauge("node_cpu_flag_info",
                    "The `flags` field of CPU information from /proc/cpuinfo taken from the first core.", "flag"),
                    cpus.get(0).flags(), flagsInclude);
            fieldInfo(sink.gauge("node_cpu_bug_info",
                    "The `bugs` field of CPU information from /proc/cpuinfo taken from the first core.", "bug"),
                    cpus.get(0).bugs(), bugsInclude);
        }
    }

    private static void fieldInfo(MetricFamily family, List<String> values, Pattern include) {
        if (include == null) {
            return;
        }
        for (String v : values) {
            if (include.matcher(v).find()) {
                family.add(1, v);
            }
        }
    }

    private void times(MetricSink sink) throws IOException {
        KernelStat stat = KernelStat.read(ctx.procfs());
        MetricFamily seconds = sink.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.",
                "cpu", "mode");
        MetricFamily guestSeconds = guest ? sink.counter("node_cpu_guest_seconds_total",
                "Seconds the CPUs spent in guests (VMs) for each mode.", "cpu", "mode") : null;
        synchronized (last) {
            last.keySet().retainAll(stat.cpus().keySet());
            for (Map.Entry<Integer, CpuTimes> e : stat.cpus().entrySet()) {
                CpuTimes t = monotonic(last.get(e.getKey()), e.getValue());
                last.put(e.getKey(), t);
                String cpu = Integer.toString(e.getKey());
                seconds.add(t.user(), cpu, "user");
                seconds.add(t.nice(), cpu, "nice");
                seconds.add(t.system(), cpu, "system");
                seconds.add(t.idle(), cpu, "idle");
                seconds.add(t.iowait(), cpu, "iowait");
                seconds.add(t.irq(), cpu, "irq");
                seconds.add(t.softirq(), cpu, "softirq");
                seconds.add(t.steal(), cpu, "steal");
                if (guestSeconds != null) {
                    guestSeconds.add(t.guest(), cpu, "user");
                    guestSeconds.add(t.guestNice(), cpu, "nice");
                }
            }
        }
    }

    /**
     * Each field keeps its previous value when the kernel reports less (iowait is known to go
     * back); a big step back in idle means the CPU was replugged, so its history starts over.
     */
    static CpuTimes monotonic(CpuTimes old, CpuTimes n) {
        if (old == null || old.idle() - n.idle() >= JUMP_BACK_SECONDS) {
            old = CpuTimes.ZERO;
        }
        return new CpuTimes(Math.max(old.user(), n.user()), Math.max(old.nice(), n.nice()),
                Math.max(old.system(), n.system()), Math.max(old.idle(), n.idle()),
                Math.max(old.iowait(), n.iowait()), Math.max(old.irq(), n.irq()),
                Math.max(old.softirq(), n.softirq()), Math.max(old.steal(), n.steal()),
                Math.max(old.guest(), n.guest()), Math.max(old.guestNice(), n.guestNice()));
    }

    private void throttles(MetricSink sink, List<Path> cpuDirs) {
        Map<Long, Long> packages = new TreeMap<>();
        Map<Long, Map<Long, Long>> cores = new TreeMap<>();
        for (Path cpu : cpuDirs) {
            OptionalLong pkg = SystemCpus.readUnsigned(cpu.resolve("topology/physical_package_id"));
            OptionalLong core = SystemCpus.readUnsigned(cpu.resolve("topology/core_id"));
            if (pkg.isEmpty() || core.isEmpty()) {
                continue;
            }
            Map<Long, Long> pkgCores = cores.computeIfAbsent(pkg.getAsLong(), k -> new TreeMap<>());
            if (!cpu.resolve("thermal_throttle").toFile().isDirectory()) {
                continue; // VMs and most non-Intel CPUs: checked without the exception a failed read costs
            }
            if (!pkgCores.containsKey(core.getAsLong())) {
                SystemCpus.readUnsigned(cpu.resolve("thermal_throttle/core_throttle_count"))
                        .ifPresent(v -> pkgCores.put(core.getAsLong(), v));
            }
            if (!packages.containsKey(pkg.getAsLong())) {
                SystemCpus.readUnsigned(cpu.resolve("thermal_throttle/package_throttle_count"))
                        .ifPresent(v -> packages.put(pkg.getAsLong(), v));
            }
        }
        if (!packages.isEmpty()) {
            MetricFamily f = sink.counter("node_cpu_package_throttles_total",
                    "Number of times this CPU package has been throttled.", "package");
            packages.forEach((p, v) -> f.add(unsigned(v), Long.toUnsignedString(p)));
        }
        MetricFamily f = sink.counter("node_cpu_core_throttles_total",
                "Number of times this CPU core has been throttled.", "package", "core");
        cores.forEach((p, m) -> m.forEach((c, v) -> f.add(unsigned(v), Long.toUnsignedString(p),
                Long.toUnsignedString(c))));
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0;
    }

    /** Like upstream, nothing when cpu0 has no {@code online} file (the kernel cannot offline it). */
    private void online(MetricSink sink, List<Path> cpuDirs) throws IOException {
        if (cpuDirs.isEmpty() || SystemCpus.online(cpuDirs.get(0)) == null) {
            return;
        }
        MetricFamily f = sink.gauge("node_cpu_online", "CPUs that are online and being scheduled.", "cpu");
        for (Path cpu : cpuDirs) {
            Boolean on = SystemCpus.online(cpu);
            f.add(Boolean.TRUE.equals(on) ? 1 : 0, SystemCpus.number(cpu));
        }
    }
}
