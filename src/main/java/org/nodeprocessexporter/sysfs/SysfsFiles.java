package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nodeprocessexporter.procfs.Fields;
import org.nodeprocessexporter.sys.NativeFiles;

/** Reading sysfs attribute files: one value per file, some of them optional. */
public final class SysfsFiles {
    private SysfsFiles() {
    }

    /**
     * The trimmed content, or null when the file is missing, the driver refuses to give it, or it
     * is not UTF-8. Read through the native calls where they work: a refusal (EINVAL for the
     * speed of a link that is down, say) is then an errno, where the JDK makes an exception with
     * its stack trace of it, every scrape.
     */
    public static String optional(Path file) {
        if (NativeFiles.AVAILABLE) {
            return NATIVE.get().read(file.toString());
        }
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static final ThreadLocal<SmallFile> NATIVE = ThreadLocal.withInitial(SmallFile::new);

    /** One thread's buffers for {@link #optional}. */
    private static final class SmallFile {
        private static final int MAX = 1 << 20;
        private final NativeFiles.Reader reader = new NativeFiles.Reader(4096);
        private byte[] buf = new byte[4096];

        String read(String path) {
            int fd = NativeFiles.openAt(NativeFiles.AT_FDCWD, NativeFiles.path(path));
            if (fd < 0) {
                return null;
            }
            try {
                int n = 0;
                while (true) {
                    if (n == buf.length) {
                        if (buf.length >= MAX) {
                            return null;
                        }
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    int r = reader.read(fd, buf, n, buf.length - n);
                    if (r < 0) {
                        return null;
                    }
                    if (r == 0) {
                        break;
                    }
                    n += r;
                }
                return decode(buf, n);
            } finally {
                NativeFiles.closeQuietly(fd);
            }
        }

        /** As Files.readString would: null for bytes that are not UTF-8; trimmed. */
        private static String decode(byte[] b, int n) {
            for (int i = 0; i < n; i++) {
                if (b[i] < 0) {
                    try {
                        return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                                .decode(java.nio.ByteBuffer.wrap(b, 0, n)).toString().trim();
                    } catch (java.nio.charset.CharacterCodingException e) {
                        return null;
                    }
                }
            }
            return new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
        }
    }

    /** A decimal integer attribute, or null when missing, refused or not a number. */
    public static Long optionalLong(Path file) {
        String v = optional(file);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Glob to matcher: the JDK turns a glob into a regular expression and compiles it on every listing. */
    private static final Map<String, PathMatcher> GLOBS = new ConcurrentHashMap<>();

    /** Entries of {@code dir} whose name matches the glob, sorted by name; empty when dir is missing. */
    public static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!dir.toFile().isDirectory()) {
            return out; // a stat, not the NoSuchFileException JDK 17 makes for a missing directory
        }
        PathMatcher matcher = GLOBS.computeIfAbsent(glob, g -> dir.getFileSystem().getPathMatcher("glob:" + g));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (matcher.matches(p.getFileName())) {
                    out.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /**
     * An unsigned 64-bit integer written as Go's {@code strconv.ParseUint(s, 0, 64)} reads it, as
     * procfs does for sysfs counters: {@code 0x} hex (fc_host statistics), {@code 0o} or a leading
     * {@code 0} octal, {@code 0b} binary, else decimal; underscores between digits, as Go allows.
     *
     * @return the value's 64 bits (compare with {@link Long#compareUnsigned})
     * @throws NumberFormatException when it is not such a number or overflows 64 bits
     */
    public static long parseUnsignedAnyBase(String s) {
        return org.nodeprocessexporter.procfs.GoNumbers.parseUint(s, 0, 64);
    }

    /** The unsigned 64-bit value as the nearest double, as Go's {@code float64(uint64)}. */
    public static double unsignedToDouble(long v) {
        return Fields.unsignedToDouble(v);
    }
}
