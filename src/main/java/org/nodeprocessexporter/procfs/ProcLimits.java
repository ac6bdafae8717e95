package org.nodeprocessexporter.procfs;

import java.nio.file.Path;

/**
 * Soft and hard "Max open files" and "Max processes" from {@code /proc/<pid>/limits}.
 * The kernel prints {@code RLIM_INFINITY} as {@code unlimited}, kept here as {@link #UNLIMITED}
 * ({@link Long#MAX_VALUE}, so a ratio {@code used / limit} is naturally ~0).
 *
 * <p>Both rows are required and must end with a newline; otherwise {@link #parse} returns
 * {@code null} (malformed). {@link #read} reports failures in {@link ProcFile#status()}. Nothing throws.
 */
public record ProcLimits(long openFilesSoft, long openFilesHard, long processesSoft, long processesHard) {

    public static final long UNLIMITED = Long.MAX_VALUE;

    private static final byte[] OPEN_FILES = AsciiCursor.ascii("Max open files");
    private static final byte[] PROCESSES = AsciiCursor.ascii("Max processes");
    private static final byte[] UNLIMITED_WORD = AsciiCursor.ascii("unlimited");

    public static boolean isUnlimited(long limit) {
        return limit == UNLIMITED;
    }

    public static ProcLimits read(ProcFile file, Path dir) {
        return file.readAndParse(dir, "limits", ProcLimits::parse);
    }

    public static ProcLimits parse(byte[] b, int len) {
        AsciiCursor c = new AsciiCursor(b, 0, len);
        long ofs = 0, ofh = 0, ps = 0, ph = 0;
        int seen = 0;
        AsciiCursor line = new AsciiCursor(b, 0, 0);
        while (c.nextLine(line)) {
            int row;
            if (line.match(OPEN_FILES)) {
                row = 1;
            } else if (line.match(PROCESSES)) {
                row = 2;
            } else {
                continue;
            }
            line.blanks();
            long soft = value(line);
            line.blanks();
            long hard = value(line);
            if (line.bad || (!line.atEnd() && b[line.pos] != ' ')) {
                return null;
            }
            if (row == 1) {
                ofs = soft;
                ofh = hard;
            } else {
                ps = soft;
                ph = hard;
            }
            seen |= row;
        }
        return seen == 3 ? new ProcLimits(ofs, ofh, ps, ph) : null;
    }

    private static long value(AsciiCursor c) {
        return c.match(UNLIMITED_WORD) ? UNLIMITED : c.u64();
    }
}
