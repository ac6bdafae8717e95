package org.nodeprocessexporter.procfs;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.nodeprocessexporter.sys.NativeFiles;

/**
 * A process's directory under {@code /proc}, read by path or, when it holds a handle, through a
 * descriptor opened on it once ({@code O_PATH}) with each file opened relative to it.
 *
 * <p>A handle does two things. It spares the kernel the lookup of {@code /proc/<pid>/} on every
 * open. And it is bound to the process, not to the pid: once that process is gone, every open
 * through it fails with ENOENT, even when a new process got the same pid. So a file read through
 * a handle is known to be the handle's process's without reading its start time again.
 *
 * <p>Handles are descriptors of this exporter: at most {@link #MAX_HANDLES_SHARE} of the open-files
 * limit is spent on them; past that, or where the native calls are not available, directories are
 * read by path, as before. A handle is closed by {@link #close}, which the owner must call when
 * it forgets the process.
 */
public final class ProcDir {
    /** The share of the open-files limit handles may take: the rest is for sockets and files. */
    static final double MAX_HANDLES_SHARE = 0.5;
    private static final AtomicInteger HANDLES = new AtomicInteger();
    private static final long HANDLE_LIMIT = handleLimit();

    private final Path path;
    private final String pathString;
    private int fd = -1;

    private ProcDir(Path path) {
        this.path = path;
        this.pathString = path.toString();
    }

    /** A directory read by path. */
    public static ProcDir byPath(Path path) {
        return new ProcDir(path);
    }

    /**
     * A directory with a handle when one can be had (the native calls work, the budget allows),
     * else by path. A directory that no longer exists gives a handle-less instance whose reads
     * fail as by path.
     */
    public static ProcDir open(Path path) {
        ProcDir dir = new ProcDir(path);
        if (NativeFiles.AVAILABLE && HANDLES.incrementAndGet() <= HANDLE_LIMIT) {
            int fd = NativeFiles.openHandle(NativeFiles.path(dir.pathString));
            if (fd >= 0) {
                dir.fd = fd;
                return dir;
            }
        }
        if (NativeFiles.AVAILABLE) {
            HANDLES.decrementAndGet();
        }
        return dir;
    }

    private static long handleLimit() {
        if (!NativeFiles.AVAILABLE) {
            return 0;
        }
        long limit = NativeFiles.openFilesLimit();
        return limit < 0 ? 0 : (long) (Math.min(limit, 1L << 30) * MAX_HANDLES_SHARE);
    }

    public Path path() {
        return path;
    }

    /** The path as a string (cached). */
    public String pathString() {
        return pathString;
    }

    /** Whether reads go through a handle bound to the process. */
    public boolean hasHandle() {
        return fd >= 0;
    }

    int fd() {
        return fd;
    }

    /** Gives the handle back; reads go by path afterwards. Idempotent. */
    public void close() {
        if (fd >= 0) {
            NativeFiles.closeQuietly(fd);
            fd = -1;
            HANDLES.decrementAndGet();
        }
    }

    /** Handles held now, by every ProcDir of this JVM (for tests). */
    public static int handlesInUse() {
        return HANDLES.get();
    }

    @Override
    public String toString() {
        return pathString + (fd >= 0 ? " (handle " + fd + ")" : "");
    }
}
