package org.nodeprocessexporter.procfs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The fields the exporter uses from {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}
 * (field numbers of proc(5) in brackets).
 *
 * <p>{@code comm} is everything between the first {@code (} and the <em>last</em> {@code )} of the
 * file: the kernel prints it raw, so it may contain spaces, parentheses, newlines and bytes that are
 * not UTF-8. It is decoded as UTF-8 with U+FFFD replacement; {@code commValidUtf8} says whether
 * the raw bytes were valid.
 *
 * <p>Contract: {@link #read} returns {@code null} when the file could not be read or parsed and
 * leaves the reason in {@link ProcFile#status()}; {@link #parse} returns {@code null} for malformed
 * or truncated input. Neither throws.
 *
 * @param pid        [1] process (or thread) id
 * @param state      [3] one of {@code RSDZTtXxKWPI}
 * @param ppid       [4]
 * @param minflt     [10] minor faults
 * @param majflt     [12] major faults
 * @param utime      [14] user time, clock ticks
 * @param stime      [15] system time, clock ticks
 * @param numThreads [20]
 * @param starttime  [22] start time after boot, clock ticks
 * @param vsize      [23] virtual memory size, bytes
 * @param rss        [24] resident set size, pages
 */
public record ProcStat(int pid, String comm, boolean commValidUtf8, char state, int ppid,
                       long minflt, long majflt, long utime, long stime, int numThreads,
                       long starttime, long vsize, long rss) {

    /** Reads and parses {@code dir/stat}, where {@code dir} is a pid or task directory. */
    public static ProcStat read(ProcFile file, Path dir) {
        return file.readAndParse(dir, "stat", ProcStat::parse);
    }

    /** As {@link #read(ProcFile, Path)}, with the directory as a string. */
    public static ProcStat read(ProcFile file, String dir) {
        return file.readAndParse(dir, "stat", ProcStat::parse);
    }

    public static ProcStat parse(byte[] b, int len) {
        len = Math.min(len, b.length);
        int open = -1;
        for (int i = 0; i < len; i++) {
            if (b[i] == '(') {
                open = i;
                break;
            }
        }
        int close = -1;
        for (int i = len - 1; i > open; i--) {
            if (b[i] == ')') {
                close = i;
                break;
            }
        }
        if (open < 2 || close < 0 || b[open - 1] != ' ') {
            return null;
        }
        AsciiCursor c = new AsciiCursor(b, 0, open - 1);
        long pid = c.u64();
        if (c.bad || !c.atEnd() || pid > Integer.MAX_VALUE) {
            return null;
        }
        c = new AsciiCursor(b, close + 1, len);
        c.expect(' ');
        if (c.bad || c.atEnd()) {
            return null;
        }
        byte st = b[c.pos++];
        if (st <= ' ' || st >= 0x7f) {
            return null;
        }
        c.expect(' ');
        long ppid = c.s64();                // 4
        for (int f = 5; f <= 9; f++) {      // pgrp session tty_nr tpgid flags
            c.expect(' ');
            c.s64();
        }
        c.expect(' ');
        long minflt = c.u64();              // 10
        c.expect(' ');
        c.u64();                            // 11 cminflt
        c.expect(' ');
        long majflt = c.u64();              // 12
        c.expect(' ');
        c.u64();                            // 13 cmajflt
        c.expect(' ');
        long utime = c.u64();               // 14
        c.expect(' ');
        long stime = c.u64();               // 15
        for (int f = 16; f <= 19; f++) {    // cutime cstime priority nice
            c.expect(' ');
            c.s64();
        }
        c.expect(' ');
        long threads = c.s64();             // 20
        c.expect(' ');
        c.s64();                            // 21 itrealvalue
        c.expect(' ');
        long starttime = c.u64();           // 22
        c.expect(' ');
        long vsize = c.u64();               // 23
        c.expect(' ');
        long rss = c.s64();                 // 24
        c.expect(' ');                      // field 25 follows: rss was not cut short
        if (c.bad || ppid < 0 || ppid > Integer.MAX_VALUE || threads < 0 || threads > Integer.MAX_VALUE) {
            return null;
        }
        int commLen = close - open - 1;
        boolean valid = Utf8.isValid(b, open + 1, close);
        String comm = new String(b, open + 1, commLen, StandardCharsets.UTF_8);
        return new ProcStat((int) pid, comm, valid, (char) st, (int) ppid, minflt, majflt, utime, stime,
                (int) threads, starttime, vsize, rss);
    }
}
