package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
 * <p>Error classification: {@link NoSuchFileException} and {@code ESRCH} are {@link ReadStatus#GONE};
 * {@link AccessDeniedException} and {@code EACCES}/{@code EPERM} on read are
 * {@link ReadStatus#DENIED}. Errors raised by {@code read(2)} reach Java only as a plain
 * {@link IOException} carrying the C library's message, so those are recognised by their (English)
 * message, with a fallback: if the file no longer exists after the failure, it is GONE.
 *
 * <p>Why {@link FileChannel} over a heap {@link ByteBuffer}: it gives typed exceptions at open,
 * reads directly into the wrapped array through the JDK's cached per-thread direct buffer, and
 * measured no worse than {@code FileInputStream}/{@code RandomAccessFile} (see the benchmarks).
 */
public final class ProcFile {
    private static final int MAX_SIZE = 1 << 30;

    private byte[] buf;
    private ByteBuffer wrapped;
    private int length;
    private ReadStatus status = ReadStatus.OK;

    public ProcFile() {
        this(4096);
    }

    public ProcFile(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
        wrapped = ByteBuffer.wrap(buf);
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

    /** Reads {@code file} to end of file, whatever its size (e.g. {@code net/tcp}). */
    public ReadStatus read(Path file) {
        return read(file, false);
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

    ReadStatus malformed() {
        length = 0;
        return status = ReadStatus.MALFORMED;
    }

    private ReadStatus read(Path file, boolean shortReadIsEof) {
        length = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n = 0;
            while (true) {
                if (n == buf.length && !grow()) {
                    return status = ReadStatus.IO_ERROR;
                }
                wrapped.limit(buf.length).position(n);
                int r = ch.read(wrapped);
                if (r < 0) {
                    break;
                }
                n += r;
                if (shortReadIsEof && n < buf.length && r > 0) {
                    break;
                }
            }
            length = n;
            return status = ReadStatus.OK;
        } catch (NoSuchFileException e) {
            return status = ReadStatus.GONE;
        } catch (AccessDeniedException e) {
            return status = ReadStatus.DENIED;
        } catch (IOException e) {
            return status = classify(e, file);
        } catch (RuntimeException e) {
            // e.g. UnsupportedOperationException from an exotic file system provider
            return status = ReadStatus.IO_ERROR;
        }
    }

    static ReadStatus classify(IOException e, Path file) {
        String msg = e.getMessage();
        if (msg != null) {
            if (msg.contains("No such process") || msg.contains("No such file")) {
                return ReadStatus.GONE;
            }
            if (msg.contains("Permission denied") || msg.contains("Operation not permitted")) {
                return ReadStatus.DENIED;
            }
        }
        if (Files.notExists(file)) {
            return ReadStatus.GONE;
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
        wrapped = ByteBuffer.wrap(buf);
        return true;
    }
}
