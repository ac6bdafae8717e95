package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nodeprocessexporter.sys.NativeFiles;

/**
 * One {@code read(2)} of at most {@value #MAX} bytes, trimmed: what prometheus/procfs's
 * {@code util.SysReadFile} returns for a sysctl or sysfs attribute, and so what node_exporter's
 * sysctl, drm, nvmesubsystem and pcidevice collectors see. Longer content is cut at
 * {@value #MAX} bytes, as upstream cuts it. A missing file is a {@link NoSuchFileException} and a
 * refused one an {@link AccessDeniedException}; any other errno a {@link Failure} that names it.
 * Read through the native calls where they work, so that an absent optional attribute costs an
 * errno and not an exception with its stack trace.
 */
public final class ShortRead {
    public static final int MAX = 128;
    /** What the kernel answers for an attribute that has no value now (amdgpu's, for one). */
    public static final int ENODATA = 61;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private ShortRead() {
    }

    /** A read that failed with an errno other than ENOENT, EACCES and EPERM. */
    public static final class Failure extends IOException {
        private final int errno;

        Failure(String file, int errno) {
            super(file + ": read failed with errno " + errno);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    /** The trimmed content. */
    public static String read(Path file) throws IOException {
        String s = readOrNull(file);
        if (s == null) {
            throw new NoSuchFileException(file.toString());
        }
        return s;
    }

    /** The trimmed content, or null when the file does not exist. */
    public static String readOrNull(Path file) throws IOException {
        if (!NativeFiles.AVAILABLE) {
            return readPortably(file);
        }
        Buffers b = BUFFERS.get();
        String path = file.toString();
        int fd = NativeFiles.openAt(NativeFiles.AT_FDCWD, NativeFiles.path(path));
        if (fd < 0) {
            return failed(path, -fd);
        }
        try {
            int n = b.reader.read(fd, b.bytes, 0, MAX);
            if (n < 0) {
                return failed(path, -n);
            }
            return trimmed(b.bytes, n);
        } finally {
            NativeFiles.closeQuietly(fd);
        }
    }

    private static String failed(String path, int errno) throws IOException {
        switch (errno) {
            case NativeFiles.ENOENT -> {
                return null;
            }
            case NativeFiles.EACCES, NativeFiles.EPERM -> throw new AccessDeniedException(path);
            default -> throw new Failure(path, errno);
        }
    }

    private static String readPortably(Path file) throws IOException {
        byte[] b = new byte[MAX];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.read(b, 0, MAX);
            return trimmed(b, Math.max(n, 0));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** As Go's {@code bytes.TrimSpace} for the ASCII blanks the kernel writes; UTF-8 decoded. */
    static String trimmed(byte[] b, int n) {
        int start = 0;
        int end = n;
        while (start < end && blank(b[start])) {
            start++;
        }
        while (end > start && blank(b[end - 1])) {
            end--;
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private static boolean blank(byte c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private static final class Buffers {
        final NativeFiles.Reader reader = new NativeFiles.Reader(MAX);
        final byte[] bytes = new byte[MAX];
    }
}
