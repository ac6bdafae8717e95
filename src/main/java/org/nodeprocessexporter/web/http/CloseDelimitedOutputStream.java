package org.nodeprocessexporter.web.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body of unknown length to an HTTP/1.0 client, which knows no chunked coding: the
 * body ends where the connection does (RFC 9112 section 6.3), so the connection closes after it.
 */
final class CloseDelimitedOutputStream extends OutputStream {
    private final OutputStream out;
    private boolean closed;

    CloseDelimitedOutputStream(OutputStream out) {
        this.out = out;
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
        out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.flush();
        }
    }
}
