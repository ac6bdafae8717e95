package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /proc/stat}: per-CPU times (the aggregate {@code cpu} line is left out, as node_exporter
 * exports only per-CPU series), and the kernel-wide counters.
 *
 * @param cpus            per-CPU times by CPU number
 * @param interrupts      first field of {@code intr}: all interrupts serviced
 * @param contextSwitches {@code ctxt}
 * @param bootTime        {@code btime}, seconds since the epoch
 * @param forks           {@code processes}: processes and threads created
 * @param procsRunning    {@code procs_running}
 * @param procsBlocked    {@code procs_blocked}
 * @param softirqs        the ten per-vector counts after the total of the {@code softirq} line, in
 *                        {@link #SOFTIRQ_VECTORS} order; null when the kernel has no such line
 */
public record KernelStat(Map<Integer, CpuTimes> cpus, double interrupts, double contextSwitches, double bootTime,
                       double forks, double procsRunning, double procsBlocked, double[] softirqs) {

    /** The kernel's softirq vector names, in the order of /proc/stat's {@code softirq} line. */
    public static final String[] SOFTIRQ_VECTORS = {
        "hi", "timer", "net_tx", "net_rx", "block", "block_iopoll", "tasklet", "sched", "hrtimer", "rcu"};

    /** /proc/stat counts in USER_HZ, which is 100 on every Linux architecture node_exporter supports. */
    static final double USER_HZ = 100;

    /** One CPU's times in seconds. Guest times are also counted in user and nice. */
    public record CpuTimes(double user, double nice, double system, double idle, double iowait, double irq,
                           double softirq, double steal, double guest, double guestNice) {
        public static final CpuTimes ZERO = new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static KernelStat read(Path procRoot) throws IOException {
        return parse(ProcFile.readString(procRoot.resolve("stat")));
    }

    public static KernelStat parse(String text) throws IOException {
        Map<Integer, CpuTimes> cpus = new TreeMap<>();
        double intr = 0;
        double ctxt = 0;
        double btime = 0;
        double processes = 0;
        double running = 0;
        double blocked = 0;
        double[] softirqs = null;
        for (String line : Fields.lines(text)) {
            if (line.startsWith("intr ")) {
                // the total, then one count per interrupt number: hundreds to thousands of fields
                // that nothing here reads, so they are not split into strings
                int start = 5;
                while (start < line.length() && line.charAt(start) == ' ') {
                    start++;
                }
                if (start == line.length()) {
                    continue; // no total: skipped, as any line with fewer than two fields
                }
                int end = line.indexOf(' ', start);
                intr = Fields.number(line.substring(start, end < 0 ? line.length() : end), "/proc/stat");
                continue;
            }
            String[] f = Fields.split(line);
            if (f.length < 2) {
                continue;
            }
            switch (f[0]) {
                case "cpu" -> { }
                case "ctxt" -> ctxt = Fields.number(f[1], "/proc/stat");
                case "btime" -> btime = Fields.number(f[1], "/proc/stat");
                case "processes" -> processes = Fields.number(f[1], "/proc/stat");
                case "procs_running" -> running = Fields.number(f[1], "/proc/stat");
                case "procs_blocked" -> blocked = Fields.number(f[1], "/proc/stat");
                case "softirq" -> softirqs = softirqs(f);
                default -> {
                    if (f[0].startsWith("cpu")) {
                        cpus.put(cpuNumber(f[0]), cpuTimes(f));
                    }
                }
            }
        }
        return new KernelStat(Collections.unmodifiableMap(cpus), intr, ctxt, btime, processes, running, blocked,
                softirqs);
    }

    private static int cpuNumber(String name) throws IOException {
        try {
            return Integer.parseInt(name.substring(3));
        } catch (NumberFormatException e) {
            throw new IOException("invalid cpu line " + name + " in /proc/stat", e);
        }
    }

    /** Older kernels have fewer columns (no steal, guest, guest_nice); the missing ones are 0. */
    private static CpuTimes cpuTimes(String[] f) throws IOException {
        double[] v = new double[10];
        for (int i = 0; i < v.length && i + 1 < f.length; i++) {
            v[i] = Fields.number(f[i + 1], "/proc/stat") / USER_HZ;
        }
        return new CpuTimes(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    private static double[] softirqs(String[] f) throws IOException {
        double[] v = new double[SOFTIRQ_VECTORS.length];
        for (int i = 0; i < v.length && i + 2 < f.length; i++) {
            v[i] = Fields.number(f[i + 2], "/proc/stat");
        }
        return v;
    }
}
