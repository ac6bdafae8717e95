package org.nodeprocessexporter.procfs;

import java.nio.file.Path;

/**
 * The fields the exporter uses from {@code /proc/<pid>/status} (or a task's status).
 *
 * <p>Lines are {@code Key:<tab>value}; unknown keys are skipped, so new kernel lines do no harm.
 * Required (present for every task, kernel threads included): State, Tgid, PPid, Uid, Gid,
 * Threads, voluntary_ctxt_switches, nonvoluntary_ctxt_switches; a file missing one of them, or
 * with a value line not ended by a newline, is malformed (that is how a truncated file shows).
 * {@code VmSwap}, {@code VmSize} and {@code VmRSS} are absent for kernel threads and zombies (no
 * address space): then they are {@link #ABSENT}. VmSize and VmRSS are the same numbers as the
 * {@code vsize} and {@code rss} of {@code stat} (both read the mm's counters), in kB.
 *
 * <p>Contract: {@link #read} returns {@code null} on failure with the reason in
 * {@link ProcFile#status()}; {@link #parse} returns {@code null} for malformed input. Neither throws.
 *
 * @param uidEffective the effective uid, the second Uid column (what process-exporter reports)
 */
public record ProcStatus(char state, int tgid, int ppid,
                         long uidReal, long uidEffective, long uidSaved, long uidFs,
                         long gidReal, long gidEffective, long gidSaved, long gidFs,
                         long vmSwapBytes, int threads,
                         long voluntaryCtxtSwitches, long nonvoluntaryCtxtSwitches,
                         long vmSizeBytes, long vmRssBytes) {

    /** Value of {@link #vmSwapBytes()} when the file has no VmSwap line (kernel threads). */
    public static final long ABSENT = -1;

    private static final byte[] STATE = AsciiCursor.ascii("State:");
    private static final byte[] TGID = AsciiCursor.ascii("Tgid:");
    private static final byte[] PPID = AsciiCursor.ascii("PPid:");
    private static final byte[] UID = AsciiCursor.ascii("Uid:");
    private static final byte[] GID = AsciiCursor.ascii("Gid:");
    private static final byte[] VMSWAP = AsciiCursor.ascii("VmSwap:");
    private static final byte[] VMSIZE = AsciiCursor.ascii("VmSize:");
    private static final byte[] VMRSS = AsciiCursor.ascii("VmRSS:");
    private static final byte[] THREADS = AsciiCursor.ascii("Threads:");
    private static final byte[] VOLUNTARY = AsciiCursor.ascii("voluntary_ctxt_switches:");
    private static final byte[] NONVOLUNTARY = AsciiCursor.ascii("nonvoluntary_ctxt_switches:");
    private static final byte[] KB = AsciiCursor.ascii("kB");

    private static final int REQUIRED = (1 << 8) - 1;

    public static ProcStatus read(ProcFile file, Path dir) {
        return file.readAndParse(dir, "status", ProcStatus::parse);
    }

    /** As {@link #read(ProcFile, Path)}, with the directory as a string. */
    public static ProcStatus read(ProcFile file, String dir) {
        return file.readAndParse(dir, "status", ProcStatus::parse);
    }

    public static ProcStatus parse(byte[] b, int len) {
        AsciiCursor c = new AsciiCursor(b, 0, len);
        int seen = 0;
        char state = 0;
        long tgid = 0;
        long ppid = 0;
        long u0 = 0, u1 = 0, u2 = 0, u3 = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
        long swap = ABSENT;
        long size = ABSENT;
        long rss = ABSENT;
        long threads = 0;
        long vol = 0;
        long nonvol = 0;
        AsciiCursor v = new AsciiCursor(b, 0, 0);
        while (c.nextLine(v)) {
            switch (b[v.pos]) {
                case 'S':
                    if (v.match(STATE)) {
                        v.optBlanks();
                        if (v.atEnd() || b[v.pos] <= ' ' || b[v.pos] >= 0x7f) {
                            return null;
                        }
                        state = (char) b[v.pos];
                        seen |= 1;
                    }
                    continue;
                case 'T':
                    if (v.match(TGID)) {
                        tgid = number(v);
                        seen |= 2;
                    } else if (v.match(THREADS)) {
                        threads = number(v);
                        seen |= 4;
                    } else {
                        continue;
                    }
                    break;
                case 'P':
                    if (!v.match(PPID)) {
                        continue;
                    }
                    ppid = number(v);
                    seen |= 8;
                    break;
                case 'U':
                    if (!v.match(UID)) {
                        continue;
                    }
                    u0 = number(v);
                    u1 = number(v);
                    u2 = number(v);
                    u3 = number(v);
                    seen |= 16;
                    break;
                case 'G':
                    if (!v.match(GID)) {
                        continue;
                    }
                    g0 = number(v);
                    g1 = number(v);
                    g2 = number(v);
                    g3 = number(v);
                    seen |= 32;
                    break;
                case 'V':
                    if (v.match(VMSWAP)) {
                        swap = kilobytes(v);
                    } else if (v.match(VMRSS)) {
                        rss = kilobytes(v);
                    } else if (v.match(VMSIZE)) {
                        size = kilobytes(v);
                    } else {
                        continue;
                    }
                    if (swap < ABSENT || rss < ABSENT || size < ABSENT) {
                        return null;
                    }
                    break;
                case 'v':
                    if (!v.match(VOLUNTARY)) {
                        continue;
                    }
                    vol = number(v);
                    seen |= 64;
                    break;
                case 'n':
                    if (!v.match(NONVOLUNTARY)) {
                        continue;
                    }
                    nonvol = number(v);
                    seen |= 128;
                    break;
                default:
                    continue;
            }
            if (v.bad) {
                return null;
            }
        }
        if (seen != REQUIRED || tgid > Integer.MAX_VALUE || ppid > Integer.MAX_VALUE
                || threads > Integer.MAX_VALUE) {
            return null;
        }
        return new ProcStatus(state, (int) tgid, (int) ppid, u0, u1, u2, u3, g0, g1, g2, g3,
                swap, (int) threads, vol, nonvol, size, rss);
    }

    /** A {@code <number> kB} value in bytes; -2 when it is not one. */
    private static long kilobytes(AsciiCursor v) {
        long n = number(v);
        v.blanks();
        if (v.bad || !v.match(KB) || n > Long.MAX_VALUE / 1024) {
            return -2;
        }
        return n * 1024;
    }

    private static long number(AsciiCursor v) {
        v.blanks();
        return v.u64();
    }
}
