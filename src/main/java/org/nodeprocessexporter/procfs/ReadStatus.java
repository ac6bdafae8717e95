package org.nodeprocessexporter.procfs;

/**
 * Outcome of reading and parsing one {@code /proc} file. Only {@link #OK} carries data; the others
 * are normal outcomes on a live system and are never thrown.
 */
public enum ReadStatus {
    /** The file was read (and, after a parse, parsed). */
    OK,
    /**
     * The file or its process no longer exists: {@code ENOENT} at open, or {@code ESRCH}
     * ("No such process") at open or read. Note that the kernel also answers {@code ESRCH} for
     * {@code smaps_rollup} of a live kernel thread (it has no mm), so for that file GONE means
     * "gone or no address space".
     */
    GONE,
    /** {@code EACCES}/{@code EPERM}: e.g. {@code io}, {@code fd/} of another user's process without CAP_SYS_PTRACE. */
    DENIED,
    /** Any other I/O error. */
    IO_ERROR,
    /** The file was read but its content is not in the expected format (e.g. truncated). */
    MALFORMED
}
