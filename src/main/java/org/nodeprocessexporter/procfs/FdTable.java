package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Scans {@code /proc/<pid>/fd}: the number of open descriptors and the inodes of the sockets among
 * them (links {@code socket:[12345]}), kept in a reusable primitive array. Not thread-safe.
 *
 * <p>Contract: {@link #scan} and {@link #count} never throw; they return
 * {@link ReadStatus#GONE} (process exited), {@link ReadStatus#DENIED} (another user's process
 * without CAP_SYS_PTRACE/CAP_DAC_READ_SEARCH), {@link ReadStatus#IO_ERROR}, or OK. A descriptor
 * closed between listing and {@code readlink} is simply not counted.
 */
public final class FdTable {
    private static final String SOCKET_PREFIX = "socket:[";

    private final boolean sizeIsCount;
    private int openFds;
    private int socketCount;
    private long[] socketInodes = new long[64];

    /** For a live /proc, where a directory's size can be its fd count (Linux 6.2 and later). */
    public FdTable() {
        this(true);
    }

    /**
     * @param sizeIsCount whether the fd directory's size may be taken as its count: true for a
     *                    live procfs; false for a copy on an ordinary file system (fixtures),
     *                    where a directory's size is its block size
     */
    public FdTable(boolean sizeIsCount) {
        this.sizeIsCount = sizeIsCount;
    }

    /** Number of open descriptors found by the last successful scan or count; 0 otherwise. */
    public int openFds() {
        return openFds;
    }

    public int socketCount() {
        return socketCount;
    }

    public long socketInode(int i) {
        return socketInodes[i];
    }

    /** The backing array; entries {@code [0, socketCount())} are valid until the next scan. */
    public long[] socketInodes() {
        return socketInodes;
    }

    /**
     * Lists {@code fdDir} and reads every link with {@link DirectoryStream} plus
     * {@link Files#readSymbolicLink}. {@code FdScanBenchmark} found the cost dominated by the
     * kernel's readlink on {@code /proc} (several µs per fd); {@code File.list()}, {@code stat}
     * with {@code unix:mode} and JNA readdir/readlink were not reliably faster, JNA only
     * allocating less (~24 B instead of ~216 B per fd). Scanning the JVM's own fd directory also
     * counts the two descriptors the JDK's directory stream holds (open plus dup for fdopendir).
     * Use {@link #count} when the socket inodes are not needed.
     */
    public ReadStatus scan(Path fdDir) {
        openFds = 0;
        socketCount = 0;
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : ds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue; // closed meanwhile
                }
                n++;
                long inode = socketInode(target);
                if (inode > 0) {
                    if (socketCount == socketInodes.length) {
                        socketInodes = Arrays.copyOf(socketInodes, socketCount * 2);
                    }
                    socketInodes[socketCount++] = inode;
                }
            }
        } catch (DirectoryIteratorException e) {
            socketCount = 0;
            return ProcFile.classify(e.getCause(), fdDir);
        } catch (NoSuchFileException e) {
            socketCount = 0;
            return ReadStatus.GONE;
        } catch (AccessDeniedException e) {
            socketCount = 0;
            return ReadStatus.DENIED;
        } catch (IOException e) {
            socketCount = 0;
            return ProcFile.classify(e, fdDir);
        } catch (RuntimeException e) {
            socketCount = 0;
            return ReadStatus.IO_ERROR;
        }
        openFds = n;
        return ReadStatus.OK;
    }

    /**
     * Counts descriptors without reading links. Since Linux 6.2 {@code stat()} of
     * {@code /proc/<pid>/fd} reports the number of open descriptors as its size, one syscall; older
     * kernels report 0 and this falls back to listing the directory.
     */
    public ReadStatus count(Path fdDir) {
        openFds = 0;
        socketCount = 0;
        int bySize = sizeCount(fdDir);
        if (bySize > 0) {
            openFds = bySize;
            return ReadStatus.OK;
        }
        try {
            int n = 0;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(fdDir)) {
                for (Path ignored : ds) {
                    n++;
                }
            }
            openFds = n;
            return ReadStatus.OK;
        } catch (DirectoryIteratorException e) {
            return ProcFile.classify(e.getCause(), fdDir);
        } catch (NoSuchFileException e) {
            return ReadStatus.GONE;
        } catch (AccessDeniedException e) {
            return ReadStatus.DENIED;
        } catch (IOException e) {
            return ProcFile.classify(e, fdDir);
        } catch (RuntimeException e) {
            return ReadStatus.IO_ERROR;
        }
    }

    private int[] fds = new int[64];
    private int fdCount;

    /**
     * Lists {@code fdDir} without reading the links: afterwards {@link #fds()}{@code [0, }
     * {@link #fdCount()}{@code )} holds the descriptor numbers, sorted. Never throws.
     */
    public ReadStatus list(Path fdDir) {
        fdCount = 0;
        String[] names = fdDir.toFile().list();
        if (names == null) {
            return whyUnlistable(fdDir);
        }
        if (fds.length < names.length) {
            fds = new int[Math.max(names.length, fds.length * 2)];
        }
        for (String name : names) {
            int fd = ProcPaths.parseNumber(name);
            if (fd >= 0) {
                fds[fdCount++] = fd;
            }
        }
        Arrays.sort(fds, 0, fdCount);
        return ReadStatus.OK;
    }

    /**
     * The number of open descriptors from {@code stat()} of {@code fdDir} (Linux 6.2 and later),
     * one syscall; -1 when that is not available here (older kernel, a copied tree, no
     * descriptors, an error): then list the directory.
     */
    public int sizeCount(Path fdDir) {
        if (!sizeIsCount) {
            return -1;
        }
        try {
            long size = Files.readAttributes(fdDir, BasicFileAttributes.class).size();
            return size > 0 && size <= Integer.MAX_VALUE ? (int) size : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** File.list says nothing about why it failed; the directory stream's exception does. */
    private static ReadStatus whyUnlistable(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return ReadStatus.GONE; // listable now: it changed under us, treat as a vanished process
        } catch (NoSuchFileException e) {
            return ReadStatus.GONE;
        } catch (AccessDeniedException e) {
            return ReadStatus.DENIED;
        } catch (IOException e) {
            return ProcFile.classify(e, dir);
        }
    }

    /** Descriptor numbers found by the last {@link #list}, in {@code [0, fdCount())}. */
    public int[] fds() {
        return fds;
    }

    public int fdCount() {
        return fdCount;
    }

    /** What {@link #linkInode} gives for a link the kernel refuses to read (EACCES). */
    public static final long LINK_DENIED = -2;

    /**
     * What descriptor {@code fd} of {@code fdDir} refers to: the socket's inode, 0 for anything
     * but a socket, {@link #LINK_DENIED} when reading the link is refused (a process whose
     * descriptors may be listed but not followed), -1 when the descriptor is closed (or the
     * process gone) meanwhile or otherwise unreadable.
     */
    public static long linkInode(Path fdDir, int fd) {
        try {
            long inode = socketInode(Files.readSymbolicLink(fdDir.resolve(Integer.toString(fd))).toString());
            return inode > 0 ? inode : 0;
        } catch (java.nio.file.AccessDeniedException e) {
            return LINK_DENIED;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The inode of a {@code socket:[N]} link target, or -1 for anything else. */
    static long socketInode(CharSequence target) {
        int len = target.length();
        if (len < SOCKET_PREFIX.length() + 2 || target.charAt(len - 1) != ']') {
            return -1;
        }
        for (int i = 0; i < SOCKET_PREFIX.length(); i++) {
            if (target.charAt(i) != SOCKET_PREFIX.charAt(i)) {
                return -1;
            }
        }
        long v = 0;
        for (int i = SOCKET_PREFIX.length(); i < len - 1; i++) {
            int d = target.charAt(i) - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
