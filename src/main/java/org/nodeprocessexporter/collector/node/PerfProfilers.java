package org.nodeprocessexporter.collector.node;

import static org.nodeprocessexporter.sys.PerfEventAttr.CACHE_BPU;
import static org.nodeprocessexporter.sys.PerfEventAttr.CACHE_DTLB;
import static org.nodeprocessexporter.sys.PerfEventAttr.CACHE_ITLB;
import static org.nodeprocessexporter.sys.PerfEventAttr.CACHE_L1D;
import static org.nodeprocessexporter.sys.PerfEventAttr.CACHE_L1I;
import static org.nodeprocessexporter.sys.PerfEventAttr.CACHE_LL;
import static org.nodeprocessexporter.sys.PerfEventAttr.OP_READ;
import static org.nodeprocessexporter.sys.PerfEventAttr.OP_WRITE;
import static org.nodeprocessexporter.sys.PerfEventAttr.RESULT_ACCESS;
import static org.nodeprocessexporter.sys.PerfEventAttr.RESULT_MISS;
import static org.nodeprocessexporter.sys.PerfEventAttr.TYPE_HARDWARE;
import static org.nodeprocessexporter.sys.PerfEventAttr.TYPE_HW_CACHE;
import static org.nodeprocessexporter.sys.PerfEventAttr.TYPE_SOFTWARE;
import static org.nodeprocessexporter.sys.PerfEventAttr.cacheConfig;

import java.util.ArrayList;
import java.util.List;
import org.nodeprocessexporter.cli.UsageException;

/**
 * The perf collector's events, as node_exporter names them in its profiler flags and metrics, and
 * the parsing of its CPU and tracepoint flags. Apart from {@link PerfCollector} so that the table
 * is built only when the collector is.
 */
final class PerfProfilers {
    private PerfProfilers() {
    }

    enum Kind {
        HARDWARE("hardware"), SOFTWARE("software"), CACHE("cache");

        final String flagWord;

        Kind(String flagWord) {
            this.flagWord = flagWord;
        }
    }

    /**
     * One counter: its kind, its name in the profiler flags, its perf type and config, its
     * metric (without {@code node_perf_}) and help.
     */
    record Event(Kind kind, String flagName, int type, long config, String metric, String help) {
    }

    /**
     * What node_exporter 1.12 exports, in its order. The events hodgesds/perf-utils opens besides
     * (bus cycles; CPU and task clock, alignment and emulation faults; L1 instruction read hits,
     * node cache accesses) are never exported and not opened here.
     */
    static final List<Event> EVENTS = List.of(
            hw("CpuCycles", 0, "cpucycles_total", "Number of CPU cycles (frequency scaled)"),
            hw("CpuInstr", 1, "instructions_total", "Number of CPU instructions"),
            hw("BranchInstr", 4, "branch_instructions_total", "Number of CPU branch instructions"),
            hw("BranchMisses", 5, "branch_misses_total", "Number of CPU branch misses"),
            hw("CacheRef", 2, "cache_refs_total", "Number of cache references (non frequency scaled)"),
            hw("CacheMisses", 3, "cache_misses_total", "Number of cache misses"),
            hw("RefCpuCycles", 9, "ref_cpucycles_total", "Number of CPU cycles"),
            hw("StalledCyclesBackend", 8, "stalled_cycles_backend_total", "Number of stalled backend CPU cycles"),
            hw("StalledCyclesFrontend", 7, "stalled_cycles_frontend_total", "Number of stalled frontend CPU cycles"),
            sw("PageFault", 2, "page_faults_total", "Number of page faults"),
            sw("ContextSwitch", 3, "context_switches_total", "Number of context switches"),
            sw("CpuMigration", 4, "cpu_migrations_total", "Number of CPU process migrations"),
            sw("MinorFault", 5, "minor_faults_total", "Number of minor page faults"),
            sw("MajorFault", 6, "major_faults_total", "Number of major page faults"),
            cache("L1DataReadHit", CACHE_L1D, OP_READ, RESULT_ACCESS, "cache_l1d_read_hits_total",
                    "Number L1 data cache read hits"),
            cache("L1DataReadMiss", CACHE_L1D, OP_READ, RESULT_MISS, "cache_l1d_read_misses_total",
                    "Number L1 data cache read misses"),
            cache("L1DataWriteHit", CACHE_L1D, OP_WRITE, RESULT_ACCESS, "cache_l1d_write_hits_total",
                    "Number L1 data cache write hits"),
            cache("L1InstrReadMiss", CACHE_L1I, OP_READ, RESULT_MISS, "cache_l1_instr_read_misses_total",
                    "Number instruction L1 instruction read misses"),
            cache("InstrTLBReadHit", CACHE_ITLB, OP_READ, RESULT_ACCESS, "cache_tlb_instr_read_hits_total",
                    "Number instruction TLB read hits"),
            cache("InstrTLBReadMiss", CACHE_ITLB, OP_READ, RESULT_MISS, "cache_tlb_instr_read_misses_total",
                    "Number instruction TLB read misses"),
            cache("DataTLBReadHit", CACHE_DTLB, OP_READ, RESULT_ACCESS, "cache_tlb_data_read_hits_total",
                    "Number of data TLB read hits"),
            cache("DataTLBReadMiss", CACHE_DTLB, OP_READ, RESULT_MISS, "cache_tlb_data_read_misses_total",
                    "Number of data TLB read misses"),
            cache("DataTLBWriteHit", CACHE_DTLB, OP_WRITE, RESULT_ACCESS, "cache_tlb_data_write_hits_total",
                    "Number of data TLB write hits"),
            cache("DataTLBWriteMiss", CACHE_DTLB, OP_WRITE, RESULT_MISS, "cache_tlb_data_write_misses_total",
                    "Number of data TLB write misses"),
            cache("LLReadHit", CACHE_LL, OP_READ, RESULT_ACCESS, "cache_ll_read_hits_total",
                    "Number last level read hits"),
            cache("LLReadMiss", CACHE_LL, OP_READ, RESULT_MISS, "cache_ll_read_misses_total",
                    "Number last level read misses"),
            cache("LLWriteHit", CACHE_LL, OP_WRITE, RESULT_ACCESS, "cache_ll_write_hits_total",
                    "Number last level write hits"),
            cache("LLWriteMiss", CACHE_LL, OP_WRITE, RESULT_MISS, "cache_ll_write_misses_total",
                    "Number last level write misses"),
            cache("BPUReadHit", CACHE_BPU, OP_READ, RESULT_ACCESS, "cache_bpu_read_hits_total", "Number BPU read hits"),
            cache("BPUReadMiss", CACHE_BPU, OP_READ, RESULT_MISS, "cache_bpu_read_misses_total",
                    "Number BPU read misses"));

    private static Event hw(String flag, long config, String metric, String help) {
        return new Event(Kind.HARDWARE, flag, TYPE_HARDWARE, config, metric, help);
    }

    private static Event sw(String flag, long config, String metric, String help) {
        return new Event(Kind.SOFTWARE, flag, TYPE_SOFTWARE, config, metric, help);
    }

    private static Event cache(String flag, int cache, int op, int result, String metric, String help) {
        return new Event(Kind.CACHE, flag, TYPE_HW_CACHE, cacheConfig(cache, op, result), metric, help);
    }

    /**
     * The events of {@code kind} to open: none when disabled, all without an allowlist, else the
     * ones it names (as 1.12.1: a name it does not know is warned about and skipped).
     */
    static List<Event> selected(Kind kind, boolean disabled, List<String> allowlist) {
        List<Event> out = new ArrayList<>();
        if (disabled) {
            return out;
        }
        for (String name : allowlist) {
            if (EVENTS.stream().noneMatch(e -> e.kind() == kind && e.flagName().equals(name))) {
                org.nodeprocessexporter.Log.warn("Unknown perf " + kind.flagWord + " profiler", "profiler", name);
            }
        }
        for (Event e : EVENTS) {
            if (e.kind() == kind && (allowlist.isEmpty() || allowlist.contains(e.flagName()))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * {@code --collector.perf.cpus}: comma-separated CPU numbers and ranges, a range with an
     * optional stride ({@code 1-10:5} is 1, 6), as upstream parses it.
     */
    static List<Integer> cpus(String flag) throws UsageException {
        List<Integer> cpus = new ArrayList<>();
        for (String subset : flag.split(",", -1)) {
            if (!subset.contains("-")) {
                cpus.add(cpuNumber(subset, flag));
                continue;
            }
            String[] strideSet = subset.split(":", -1);
            int stride = 1;
            if (strideSet.length == 2) {
                stride = cpuNumber(strideSet[1], flag);
                if (stride < 1) {
                    throw invalidCpus(flag); // upstream would loop forever
                }
            }
            String[] range = strideSet[0].split("-", -1);
            if (range.length != 2) {
                throw invalidCpus(flag);
            }
            int start = cpuNumber(range[0], flag);
            int end = cpuNumber(range[1], flag);
            for (long i = start; i <= end; i += stride) {
                cpus.add((int) i);
            }
        }
        return cpus;
    }

    private static int cpuNumber(String s, String flag) throws UsageException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw invalidCpus(flag);
        }
    }

    private static UsageException invalidCpus(String flag) {
        return new UsageException("invalid flag value \"" + flag + "\" for --" + PerfCollector.CPUS);
    }

    /** One {@code --collector.perf.tracepoint}, {@code subsystem:event}. */
    record Tracepoint(String subsystem, String event) {
        /** The metric: node_perf_ + subsystem_event, without _total (untyped here, see {@link PerfCollector}). */
        String metric() {
            return "node_perf_" + subsystem + "_" + event;
        }

        String help() {
            return "Perf tracepoint " + subsystem + ":" + event;
        }
    }

    static List<Tracepoint> tracepoints(List<String> flags) throws UsageException {
        List<Tracepoint> out = new ArrayList<>();
        for (String t : flags) {
            String[] split = t.split(":", -1);
            if (split.length != 2) {
                throw new UsageException("invalid tracepoint config " + t);
            }
            for (String part : split) {
                if (!part.matches("[A-Za-z0-9_]+")) { // a name the metric cannot carry
                    throw new UsageException("invalid tracepoint config " + t);
                }
            }
            out.add(new Tracepoint(split[0], split[1]));
        }
        return out;
    }
}
