package org.nodeprocessexporter.procfs;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The kernel's {@code USER_HZ} (CLK_TCK, the unit of stat's utime/stime/starttime) and the page
 * size (the unit of stat's rss), which Java cannot ask {@code sysconf()} for.
 *
 * <p>Read from the auxiliary vector {@code <procRoot>/self/auxv}: pairs of native-endian machine
 * words {@code (type, value)} ending with type 0; {@code AT_PAGESZ} = 6, {@code AT_CLKTCK} = 17.
 * It is a plain file read that works unprivileged. If the file cannot be read or lacks an entry,
 * the Linux defaults 100 and 4096 are used for the missing value and {@link #fromAuxv()} is false
 * (the caller may want to log that): wrong on e.g. arm64/ppc64 kernels with 64 KiB pages.
 */
public record SystemConstants(long clockTicksPerSecond, long pageSizeBytes, boolean fromAuxv) {
    public static final long DEFAULT_CLK_TCK = 100;
    public static final long DEFAULT_PAGE_SIZE = 4096;

    static final int AT_NULL = 0;
    static final int AT_PAGESZ = 6;
    static final int AT_CLKTCK = 17;

    public static SystemConstants read(Path procRoot) {
        ProcFile f = new ProcFile(1024);
        if (f.readSingleShow(procRoot.resolve("self").resolve("auxv")) != ReadStatus.OK) {
            return new SystemConstants(DEFAULT_CLK_TCK, DEFAULT_PAGE_SIZE, false);
        }
        int wordSize = "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
        return parseAuxv(f.buffer(), f.length(), ByteOrder.nativeOrder(), wordSize);
    }

    /** Parses an auxiliary vector; never throws. */
    public static SystemConstants parseAuxv(byte[] b, int len, ByteOrder order, int wordSize) {
        long clk = -1;
        long page = -1;
        len = Math.min(len, b.length);
        for (int i = 0; i + 2 * wordSize <= len; i += 2 * wordSize) {
            long type = word(b, i, order, wordSize);
            long value = word(b, i + wordSize, order, wordSize);
            if (type == AT_NULL) {
                break;
            } else if (type == AT_CLKTCK && value > 0) {
                clk = value;
            } else if (type == AT_PAGESZ && value > 0) {
                page = value;
            }
        }
        boolean complete = clk > 0 && page > 0;
        return new SystemConstants(clk > 0 ? clk : DEFAULT_CLK_TCK, page > 0 ? page : DEFAULT_PAGE_SIZE, complete);
    }

    private static long word(byte[] b, int off, ByteOrder order, int size) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            int idx = order == ByteOrder.LITTLE_ENDIAN ? off + size - 1 - k : off + k;
            v = (v << 8) | (b[idx] & 0xFF);
        }
        return v;
    }
}
