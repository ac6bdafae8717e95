package org.nodeprocessexporter.procfs;

import java.nio.file.Path;

/**
 * {@code /proc/<pid>/io}: I/O accounting. Reading another user's process needs ptrace rights
 * (CAP_SYS_PTRACE); without them the kernel answers {@code EACCES}, which {@link #read} reports as
 * {@link ReadStatus#DENIED} in {@link ProcFile#status()}, distinct from {@link ReadStatus#GONE}.
 *
 * <p>All seven lines are required, each ended by a newline; otherwise the content is malformed
 * ({@link #parse} returns {@code null}). Nothing throws.
 */
public record ProcIo(long rchar, long wchar, long syscr, long syscw,
                     long readBytes, long writeBytes, long cancelledWriteBytes) {

    private static final byte[][] KEYS = {
        AsciiCursor.ascii("rchar:"), AsciiCursor.ascii("wchar:"), AsciiCursor.ascii("syscr:"),
        AsciiCursor.ascii("syscw:"), AsciiCursor.ascii("read_bytes:"), AsciiCursor.ascii("write_bytes:"),
        AsciiCursor.ascii("cancelled_write_bytes:"),
    };

    public static ProcIo read(ProcFile file, Path dir) {
        return file.readAndParse(dir, "io", ProcIo::parse);
    }

    /** As {@link #read(ProcFile, Path)}, with the directory as a string. */
    public static ProcIo read(ProcFile file, String dir) {
        return file.readAndParse(dir, "io", ProcIo::parse);
    }

    public static ProcIo parse(byte[] b, int len) {
        AsciiCursor c = new AsciiCursor(b, 0, len);
        long[] v = new long[KEYS.length];
        int seen = 0;
        AsciiCursor line = new AsciiCursor(b, 0, 0);
        while (c.nextLine(line)) {
            for (int k = 0; k < KEYS.length; k++) {
                if (line.match(KEYS[k])) {
                    line.blanks();
                    v[k] = line.u64();
                    if (line.bad || !line.atEnd()) {
                        return null;
                    }
                    seen |= 1 << k;
                    break;
                }
            }
        }
        if (seen != (1 << KEYS.length) - 1) {
            return null;
        }
        return new ProcIo(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
