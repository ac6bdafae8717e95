package org.nodeprocessexporter.web.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body of the length announced in Content-length, as the JDK server's: one byte more
 * fails the write; closing it short fails too and, since the client would wait for the missing
 * bytes or read them from the next response, the connection is not reused. {@link #untilClose}
 * is the same stream without a length, for an HTTP/1.0 client, which knows no chunked coding: the
 * body ends where the connection does (RFC 9112 section 6.3), so the caller closes it after.
 */
final class FixedLengthOutputStream extends OutputStream {
    private static final long UNLIMITED = -1;

    private final OutputStream out;
    private final Runnable closedShort;
    private long remaining; // UNLIMITED for a body that ends with the connection
    private boolean closed;

    /** @param closedShort told when the stream is closed before {@code length} bytes were written */
    FixedLengthOutputStream(OutputStream out, long length, Runnable closedShort) {
        this.out = out;
        this.remaining = length;
        this.closedShort = closedShort;
    }

    /** A body of unknown length that ends where the connection does. */
    static FixedLengthOutputStream untilClose(OutputStream out) {
        return new FixedLengthOutputStream(out, UNLIMITED, () -> { });
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("response body stream closed");
        }
        if (remaining != UNLIMITED && len > remaining) {
            throw new IOException("too many bytes to write to stream");
        }
        out.write(b, off, len);
        if (remaining != UNLIMITED) {
            remaining -= len;
        }
    }

    @Override
    public void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (remaining > 0) {
            closedShort.run();
            throw new IOException("insufficient bytes written to stream");
        }
        out.flush();
    }
}
