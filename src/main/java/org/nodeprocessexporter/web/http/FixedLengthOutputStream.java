package org.nodeprocessexporter.web.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body of the length announced in Content-length, as the JDK server's: one byte more
 * fails the write; closing it short fails too and, since the client would wait for the missing
 * bytes or read them from the next response, the connection is not reused.
 */
final class FixedLengthOutputStream extends OutputStream {
    private final OutputStream out;
    private final Runnable closedShort;
    private long remaining;
    private boolean closed;

    /** @param closedShort told when the stream is closed before {@code length} bytes were written */
    FixedLengthOutputStream(OutputStream out, long length, Runnable closedShort) {
        this.out = out;
        this.remaining = length;
        this.closedShort = closedShort;
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
        if (len > remaining) {
            throw new IOException("too many bytes to write to stream");
        }
        out.write(b, off, len);
        remaining -= len;
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
