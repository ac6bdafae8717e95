package org.nodeprocessexporter.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * open, openat, read and close for the per-process files of {@code /proc}, through JNA's direct
 * mapping (a JNI-like call, no proxy). What it buys over {@link java.io.RandomAccessFile}: a
 * directory opened once ({@code O_PATH}) and its files opened relative to it, which saves the
 * kernel the walk of {@code /proc/<pid>/} on every open, no {@code fstat} after each open (the JDK
 * checks that a file is not a directory), no descriptor object for the garbage collector, and the
 * errno itself rather than an exception message to interpret.
 *
 * <p>Used only on 64-bit Linux, where {@code size_t} and {@code ssize_t} are a Java {@code long};
 * elsewhere, or when JNA cannot load, {@link #AVAILABLE} is false and callers read by path.
 * The calls return a negative errno on failure instead of throwing.
 */
public final class NativeFiles {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EACCES = 13;
    /** openat's directory for "relative to the working directory", or an absolute path. */
    public static final int AT_FDCWD = -100;

    /** Whether the calls below work here. */
    public static final boolean AVAILABLE = register();

    // the same values on x86_64 and aarch64, the two 64-bit Linux targets that matter here
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_PATH = 0x200000;
    private static final int RLIMIT_NOFILE = 7;

    private NativeFiles() {
    }

    private static native int open(byte[] path, int flags);

    private static native int openat(int dirfd, byte[] path, int flags);

    private static native long read(int fd, Pointer buf, long count);

    private static native int close(int fd);

    private static native int getrlimit(int resource, long[] limits);

    private static boolean register() {
        // inside the try: reading Native's sizes already loads JNA's native library, which throws
        // when it cannot be found or unpacked
        try {
            if (!Platform.isLinux() || Native.LONG_SIZE != 8 || Native.POINTER_SIZE != 8) {
                return false;
            }
            Native.register(NativeFiles.class, LibcLibrary.get());
            return true;
        } catch (LinkageError | RuntimeException e) { // no libc, or no JNA for this platform
            return false;
        }
    }

    /** A NUL-terminated copy of an ASCII or UTF-8 path, as the calls below take it. */
    public static byte[] path(String s) {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(utf8, utf8.length + 1);
    }

    /** Opens a directory as a handle for {@link #openAt} only ({@code O_PATH}): the descriptor, or -errno. */
    public static int openHandle(byte[] path) {
        int fd = open(path, O_PATH | O_CLOEXEC);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    /** Opens {@code path} (NUL-terminated) relative to the directory {@code dirfd} for reading: the descriptor, or -errno. */
    public static int openAt(int dirfd, byte[] path) {
        int fd;
        do {
            fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
        } while (fd < 0 && Native.getLastError() == EINTR);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    /**
     * Reads from a descriptor into a native buffer of its own and copies what came into a Java
     * array: the kernel writes only where the buffer is, and a native buffer is what it can be
     * given without JNA copying a whole array in and out around every call. One per reading
     * thread; not thread-safe.
     */
    public static final class Reader {
        private final Memory buffer;
        private final int capacity;

        public Reader(int capacity) {
            this.capacity = capacity;
            this.buffer = new Memory(capacity);
        }

        /** Reads up to {@code min(max, capacity)} bytes into {@code dst[off, ...)}: the number read (0 at end of file), or -errno. */
        public int read(int fd, byte[] dst, int off, int max) {
            long n;
            do {
                n = NativeFiles.read(fd, buffer, Math.min(max, capacity));
            } while (n < 0 && Native.getLastError() == EINTR);
            if (n < 0) {
                return -Native.getLastError();
            }
            buffer.read(0, dst, off, (int) n);
            return (int) n;
        }
    }

    /** close(2), its outcome ignored (a read-only descriptor has nothing to flush); a negative fd is no descriptor. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            close(fd);
        }
    }

    /** The soft limit on open descriptors of this process, or -1 when unknown; "unlimited" is Long.MAX_VALUE. */
    public static long openFilesLimit() {
        long[] limits = new long[2];
        if (getrlimit(RLIMIT_NOFILE, limits) != 0) {
            return -1;
        }
        return limits[0] < 0 ? Long.MAX_VALUE : limits[0];
    }
}
