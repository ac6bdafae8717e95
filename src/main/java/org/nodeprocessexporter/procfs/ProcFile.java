package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nodeprocessexporter.sys.NativeFiles;

/**
 * Reads a whole {@code /proc} file into one reusable, caller-owned buffer that grows when a file
 * does not fit. One instance per scraping thread; not thread-safe.
 *
 * <p>Contract: {@link #read} and {@link #readSingleShow} never throw. They return a
 * {@link ReadStatus}; on {@link ReadStatus#OK} the content is {@code buffer()[0, length())}.
 * The parsers' {@code read} methods store their outcome in {@link #status()} too, so a caller that
 * gets {@code null} from a parser asks {@code status()} whether the process was gone, access was
 * denied, or the content was malformed.
 *
 * <p>Error classification: {@code ENOENT} and {@code ESRCH} are {@link ReadStatus#GONE};
 * {@code EACCES}/{@code EPERM} are {@link ReadStatus#DENIED}. The JDK reports errno only as the C
 * library's message in an {@link IOException} ({@code FileNotFoundException} at open), so they
 * are recognised by their English message, with a fallback for other locales: if the file no
 * longer exists after the failure, it is GONE; anything else is {@link ReadStatus#IO_ERROR}.
 *
 * <p>Why {@link RandomAccessFile}: measured with JMH {@code -prof gc} on {@code /proc/self/stat},
 * open+read+close allocates 192 B with {@code RandomAccessFile} or {@code FileInputStream}, 404 B
 * with {@code Files.newInputStream} and ~560 B with {@code FileChannel}, and was not slower. Each
 * read asks for at most {@value #CHUNK} bytes, the JDK's on-stack bounce buffer: a larger request
 * makes the JDK malloc a buffer of that size per call, and a multi-record seq file returns about
 * a page per read anyway.
 */
public final class ProcFile {
    private static final int MAX_SIZE = 1 << 30;
    static final int CHUNK = 8192;

    private byte[] buf;
    private final StringBuilder pathBuilder = new StringBuilder(64);
    private byte[] nameBytes = new byte[64];
    private NativeFiles.Reader reader;
    private int length;
    private ReadStatus status = ReadStatus.OK;

    public ProcFile() {
        this(4096);
    }

    public ProcFile(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** The buffer holding the last file's content; valid until the next read. */
    public byte[] buffer() {
        return buf;
    }

    /** Number of valid bytes in {@link #buffer()} after an OK read; 0 otherwise. */
    public int length() {
        return length;
    }

    /** Outcome of the last read, or of the last parse through a reader that uses this buffer. */
    public ReadStatus status() {
        return status;
    }

    /**
     * Reads a whole small file as text, for the node collectors' readers that run once per scrape.
     * Not {@link Files#readString}: /proc files report size 0, so the JDK reads them one byte
     * first, and the sysctl files under /proc/sys return EOF to any read that does not start at
     * offset 0 ({@code /proc/sys/fs/file-nr} would read as its first digit). Blocks of 8 KiB get
     * each of them whole in the first read.
     */
    public static String readString(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            int len = 0;
            int n;
            while ((n = in.read(buf, len, buf.length - len)) > 0) {
                len += n;
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
            }
            return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Reads {@code file} to end of file, whatever its size (e.g. {@code net/tcp}). */
    public ReadStatus read(Path file) {
        return read(file, false);
    }

    /**
     * {@link #read(Path)} for the node collectors' whole-file readers, which fail on any error:
     * a missing file is a {@link java.nio.file.NoSuchFileException} (the collector's "no data"),
     * a refused one an {@link java.nio.file.AccessDeniedException}.
     */
    public void readWhole(Path file) throws IOException {
        require(read(file, false), file);
    }

    /** As {@link #readWhole}, for {@link #readLines}. */
    public void readLinesWhole(Path file, LineSink sink) throws IOException {
        require(readLines(file, sink), file);
    }

    private static void require(ReadStatus status, Path file) throws IOException {
        switch (status) {
            case OK -> {
            }
            case GONE -> throw new java.nio.file.NoSuchFileException(file.toString());
            case DENIED -> throw new java.nio.file.AccessDeniedException(file.toString());
            default -> throw new IOException("cannot read " + file);
        }
    }

    /**
     * Reads a file the kernel produces in a single {@code seq_file} show (stat, status, io,
     * limits, smaps_rollup, auxv): a read that returns less than the buffer can hold already saw
     * the whole file, which saves the second {@code read(2)} that would only return 0. Also
     * correct for regular files (fixtures). Do not use it for multi-record seq files such as
     * {@code net/tcp}, which return about a page per read.
     */
    public ReadStatus readSingleShow(Path file) {
        return read(file, true);
    }

    /** Receives the lines of a file read by {@link #readLines}. */
    @FunctionalInterface
    public interface LineSink {
        /**
         * One line, {@code b[start, end)} without its newline; {@code complete} is false for a
         * last line the file ended without a newline (cut short).
         */
        void line(byte[] b, int start, int end, boolean complete);
    }

    /**
     * Reads a multi-record file ({@code net/tcp} and the like) a few pages at a time and hands
     * over each line as soon as it is whole, so a table of ten thousand sockets needs a buffer of
     * a few KiB instead of one of its whole size (which, kept for the next scrape, would sit in
     * the heap between scrapes). The buffer grows only for a line longer than it. Lines seen
     * before an error were delivered; the caller discards them if the status is not OK.
     */
    public ReadStatus readLines(Path file, LineSink sink) {
        length = 0;
        try (RandomAccessFile in = new RandomAccessFile(file.toString(), "r")) {
            int n = 0; // bytes in buf, from a line start
            while (true) {
                if (n == buf.length && !grow()) {
                    return status = ReadStatus.IO_ERROR;
                }
                int r = in.read(buf, n, Math.min(buf.length - n, CHUNK));
                if (r < 0) {
                    break;
                }
                int start = 0;
                for (int i = n, end = n + r; i < end; i++) {
                    if (buf[i] == '\n') {
                        sink.line(buf, start, i, true);
                        start = i + 1;
                    }
                }
                n += r;
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, n - start);
                    n -= start;
                }
            }
            if (n > 0) {
                sink.line(buf, 0, n, false);
            }
            return status = ReadStatus.OK;
        } catch (IOException e) {
            return status = classify(e, file.toString());
        } catch (RuntimeException e) {
            return status = ReadStatus.IO_ERROR;
        }
    }

    /** A parser of a whole file's bytes; returns null for malformed input. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] b, int len);
    }

    /**
     * Reads {@code dir/name} (a single-show file: stat, status, io, limits, smaps_rollup) and parses
     * it; null when it could not be read or parsed, with the reason in {@link #status()}.
     */
    public <T> T readAndParse(Path dir, String name, Parser<T> parser) {
        return readAndParse(dir.toString(), name, parser); // a Path caches its string
    }

    /**
     * As {@link #readAndParse(Path, String, Parser)}, with the directory as a string: for the
     * thousands of files read per scrape, a path string is one object where resolving a
     * {@link Path} and turning it into the string the JDK opens makes five.
     */
    public <T> T readAndParse(String dir, String name, Parser<T> parser) {
        pathBuilder.setLength(0);
        return parsed(read(pathBuilder.append(dir).append('/').append(name).toString(), true), parser);
    }

    /** After a read: the parsed record, or null (the read failed, or the parser found the content malformed). */
    private <T> T parsed(ReadStatus read, Parser<T> parser) {
        if (read != ReadStatus.OK) {
            return null;
        }
        T record = parser.parse(buffer(), length());
        if (record == null) {
            malformed();
        }
        return record;
    }

    /**
     * Reads {@code relative} (a single-show file: stat, status, io, schedstat, limits,
     * smaps_rollup, or one of a task's, as {@code task/<tid>/status}) of a process directory, through
     * its handle when it has one, and parses it; null when it could not be read or parsed, with the
     * reason in {@link #status()}. Through a handle, GONE also means that the handle's process is
     * gone, whoever has its pid now.
     */
    public <T> T readAndParse(ProcDir dir, String relative, Parser<T> parser) {
        if (dir.hasHandle() && ascii(relative)) {
            return parsed(readAt(dir.fd(), true), parser);
        }
        return readAndParse(dir.pathString(), relative, parser);
    }

    /**
     * Reads the single-show file at {@code path} (stat of a pid or task) and parses it, through
     * openat(2) where the native calls work: for walks over every pid that keep no handles, a
     * reused path builder and no stream objects per file. Null when it could not be read or parsed,
     * with the reason in {@link #status()}.
     */
    public <T> T readAndParse(CharSequence path, Parser<T> parser) {
        if (NativeFiles.AVAILABLE && ascii(path)) {
            return parsed(readAt(NativeFiles.AT_FDCWD, true), parser);
        }
        return parsed(read(path.toString(), true), parser);
    }

    /** Puts {@code s} NUL-terminated into {@link #nameBytes}; false when it is not plain ASCII. */
    private boolean ascii(CharSequence s) {
        int n = s.length();
        if (nameBytes.length < n + 1) {
            nameBytes = new byte[n + 16];
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 127) {
                return false;
            }
            nameBytes[i] = (byte) c;
        }
        nameBytes[n] = 0;
        return true;
    }

    /** Reads the file named by {@link #nameBytes} relative to the directory handle {@code dirfd}. */
    private ReadStatus readAt(int dirfd, boolean shortReadIsEof) {
        length = 0;
        int fd = NativeFiles.openAt(dirfd, nameBytes);
        if (fd < 0) {
            return status = classify(-fd);
        }
        try {
            if (reader == null) {
                reader = new NativeFiles.Reader(CHUNK);
            }
            int n = 0;
            while (true) {
                if (n == buf.length && !grow()) {
                    return status = ReadStatus.IO_ERROR;
                }
                int want = Math.min(buf.length - n, CHUNK);
                int r = reader.read(fd, buf, n, want);
                if (r < 0) {
                    return status = classify(-r);
                }
                if (r == 0) {
                    break;
                }
                n += r;
                if (shortReadIsEof && r < want) {
                    break;
                }
            }
            length = n;
            return status = ReadStatus.OK;
        } finally {
            NativeFiles.closeQuietly(fd);
        }
    }

    /** An errno from a read through a handle: a process that is gone shows as ENOENT at open, ESRCH at read. */
    static ReadStatus classify(int errno) {
        switch (errno) {
            case NativeFiles.ENOENT, NativeFiles.ESRCH -> {
                return ReadStatus.GONE;
            }
            case NativeFiles.EACCES, NativeFiles.EPERM -> {
                return ReadStatus.DENIED;
            }
            default -> {
                return ReadStatus.IO_ERROR;
            }
        }
    }

    ReadStatus malformed() {
        length = 0;
        return status = ReadStatus.MALFORMED;
    }

    private ReadStatus read(Path file, boolean shortReadIsEof) {
        return read(file.toString(), shortReadIsEof);
    }

    private ReadStatus read(String file, boolean shortReadIsEof) {
        length = 0;
        try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
            int n = 0;
            while (true) {
                if (n == buf.length && !grow()) {
                    return status = ReadStatus.IO_ERROR;
                }
                int want = Math.min(buf.length - n, CHUNK);
                int r = in.read(buf, n, want);
                if (r < 0) {
                    break;
                }
                n += r;
                if (shortReadIsEof && r < want) {
                    break;
                }
            }
            length = n;
            return status = ReadStatus.OK;
        } catch (IOException e) { // FileNotFoundException at open carries "(No such file or directory)" etc.
            return status = classify(e, file.toString());
        } catch (RuntimeException e) {
            return status = ReadStatus.IO_ERROR;
        }
    }

    static ReadStatus classify(IOException e, Path file) {
        return classify(e, file.toString());
    }

    static ReadStatus classify(IOException e, String file) {
        String msg = e.getMessage();
        if (msg != null) {
            if (msg.contains("No such process") || msg.contains("No such file")) {
                return ReadStatus.GONE;
            }
            if (msg.contains("Permission denied") || msg.contains("Operation not permitted")) {
                return ReadStatus.DENIED;
            }
        }
        try {
            if (Files.notExists(Path.of(file))) {
                return ReadStatus.GONE;
            }
        } catch (RuntimeException invalid) {
            // not a valid path: not a file that went away
        }
        return ReadStatus.IO_ERROR;
    }

    private boolean grow() {
        if (buf.length >= MAX_SIZE) {
            return false;
        }
        byte[] bigger = new byte[buf.length * 2];
        System.arraycopy(buf, 0, bigger, 0, buf.length);
        buf = bigger;
        return true;
    }
}
