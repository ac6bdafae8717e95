package org.nodeprocessexporter.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct perf_event_attr} of include/uapi/linux/perf_event.h, laid out as bytes in the
 * machine's order, and the architecture numbers of perf_event_open(2) and its ioctl. Pure: the
 * system calls are in {@link KernelPerfEvents}.
 *
 * <pre>
 *   0 u32 type          4 u32 size          8 u64 config       16 u64 sample_period
 *  24 u64 sample_type  32 u64 read_format  40 u64 flags (bit fields: disabled, inherit, pinned,
 *  exclusive, exclude_user, exclude_kernel, exclude_hv, ...)   48 u32 wakeup_events
 *  52 u32 bp_type      56 u64 config1      64 u64 config2      72 u64 branch_sample_type
 *  80 u64 sample_regs_user  88 u32 sample_stack_user  92 s32 clockid  96 u64 sample_regs_intr
 * 104 u32 aux_watermark 108 u16 sample_max_stack 110 u16 reserved 112 u32 aux_sample_size
 * 116 u32 reserved    120 u64 sig_data    128 u64 config3     136 end (PERF_ATTR_SIZE_VER8)
 * </pre>
 * Older kernels take the larger size as long as the bytes they do not know are zero.
 */
public final class PerfEventAttr {
    private PerfEventAttr() {
    }

    public static final int SIZE = 136;

    public static final int TYPE_HARDWARE = 0;
    public static final int TYPE_SOFTWARE = 1;
    public static final int TYPE_TRACEPOINT = 2;
    public static final int TYPE_HW_CACHE = 3;

    public static final long FORMAT_TOTAL_TIME_ENABLED = 1;
    public static final long FORMAT_TOTAL_TIME_RUNNING = 1 << 1;
    public static final long FORMAT_GROUP = 1 << 3;

    public static final long SAMPLE_IDENTIFIER = 1 << 16;

    public static final long DISABLED = 1;
    public static final long INHERIT = 1 << 1;
    public static final long EXCLUDE_HV = 1 << 6;

    /** perf_hw_cache_id, _op_id and _op_result_id. */
    public static final int CACHE_L1D = 0, CACHE_L1I = 1, CACHE_LL = 2, CACHE_DTLB = 3, CACHE_ITLB = 4, CACHE_BPU = 5;
    public static final int OP_READ = 0, OP_WRITE = 1;
    public static final int RESULT_ACCESS = 0, RESULT_MISS = 1;

    /** The attribute of one event, as a buffer of {@link #SIZE} bytes (the rest zero). */
    public static ByteBuffer encode(int type, long config, long readFormat, long flags) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
        b.putInt(0, type);
        b.putInt(4, SIZE);
        b.putLong(8, config);
        b.putLong(24, SAMPLE_IDENTIFIER);
        b.putLong(32, readFormat);
        b.putLong(40, flags);
        return b;
    }

    /** The config of a PERF_TYPE_HW_CACHE event. */
    public static long cacheConfig(int cache, int op, int result) {
        return cache | ((long) op << 8) | ((long) result << 16);
    }

    /** __NR_perf_event_open of {@code arch} ({@code os.arch}), or -1 where it is not known here. */
    public static long syscallNumber(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> 298;
            case "aarch64", "riscv64", "loongarch64" -> 241; // the generic syscall table
            case "ppc64", "ppc64le" -> 319;
            case "s390x" -> 331;
            case "x86", "i386", "i686" -> 336;
            case "arm" -> 364;
            default -> -1;
        };
    }

    /**
     * {@code _IO('$', nr)}: PERF_EVENT_IOC_ENABLE is nr 0, DISABLE 1, RESET 3; the architectures
     * that encode an ioctl's direction in three bits put _IOC_NONE (1) at bit 29.
     */
    public static long ioctl(int nr, String arch) {
        boolean threeBitDir = arch.startsWith("ppc") || arch.startsWith("mips") || arch.startsWith("sparc");
        return (threeBitDir ? 1L << 29 : 0) | ('$' << 8) | nr;
    }

    public static final int IOC_ENABLE = 0;
    /** PERF_IOC_FLAG_GROUP: the ioctl applies to the leader's whole group. */
    public static final int IOC_FLAG_GROUP = 1;
}
