package org.nodeprocessexporter.procfs;

import java.nio.file.Path;

/**
 * {@code /proc/<pid>/task/<tid>/schedstat} ({@code CONFIG_SCHED_INFO}): one line,
 * {@code <run time ns> <run queue wait ns> <times scheduled in>}, for one task. It is a few bytes
 * the kernel prints without locks, so it is the cheap way to learn whether a thread has been on a
 * CPU since it was last looked at: a thread can only switch out, block, fault or do I/O while
 * running, and each time it runs {@link #timeslices} grows. A kernel with scheduler statistics
 * turned off prints {@code 0 0 0}.
 *
 * <p>Three unsigned decimals, then a newline (or a blank and whatever a later kernel adds), or
 * {@link #parse} returns {@code null}. Nothing throws.
 */
public record ProcSchedstat(long runtimeNs, long runDelayNs, long timeslices) {

    public static ProcSchedstat read(ProcFile file, Path dir) {
        return file.readAndParse(dir, "schedstat", ProcSchedstat::parse);
    }

    /** As {@link #read(ProcFile, Path)}, with the directory as a string. */
    public static ProcSchedstat read(ProcFile file, String dir) {
        return file.readAndParse(dir, "schedstat", ProcSchedstat::parse);
    }

    public static ProcSchedstat parse(byte[] b, int len) {
        AsciiCursor c = new AsciiCursor(b, 0, len);
        long runtime = c.u64();
        c.blanks();
        long delay = c.u64();
        c.blanks();
        long slices = c.u64();
        if (c.bad || c.pos >= c.end || (b[c.pos] != '\n' && b[c.pos] != ' ')) {
            return null;
        }
        return new ProcSchedstat(runtime, delay, slices);
    }
}
