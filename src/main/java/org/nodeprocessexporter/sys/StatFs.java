package org.nodeprocessexporter.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;

/**
 * The statfs(2) system call. On 64-bit Linux (x86_64 and aarch64 alike) glibc's {@code struct
 * statfs} is a sequence of 8-byte words: type, bsize, blocks, bfree, bavail, files, ffree, fsid,
 * namelen, frsize, flags, spare[4] (120 bytes).
 *
 * @param blockSize  f_bsize
 * @param blocks     f_blocks
 * @param blocksFree f_bfree
 * @param blocksAvail f_bavail (free for unprivileged users)
 * @param files      f_files
 * @param filesFree  f_ffree
 */
public record StatFs(long blockSize, long blocks, long blocksFree, long blocksAvail, long files, long filesFree) {
    private static final int STRUCT_SIZE = 120;

    /** A failed call, with the error text the way Go prints an errno ("permission denied"). */
    public static final class ErrnoException extends IOException {
        private final int errno;

        public ErrnoException(int errno, String message) {
            super(message);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    public static StatFs call(String path) throws ErrnoException {
        if (Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException("statfs layout is only known for 64-bit Linux");
        }
        try (Memory buf = new Memory(STRUCT_SIZE + 64)) {
            buf.clear();
            if (LibC.statfs(path, buf) != 0) {
                int errno = Native.getLastError();
                throw new ErrnoException(errno, Errno.text(errno));
            }
            return new StatFs(buf.getLong(8), buf.getLong(16), buf.getLong(24), buf.getLong(32), buf.getLong(40),
                    buf.getLong(48));
        }
    }

    /** A count of 64-bit unsigned kernel words as a double (never negative). */
    public static double unsigned(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }
}
