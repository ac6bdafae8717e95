package org.nodeprocessexporter.web.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body in the chunked transfer coding, for {@code sendResponseHeaders(code, 0)}.
 * Data is gathered into chunks of up to {@link #CHUNK} bytes, each written to the socket stream
 * as one array with its size line and CRLF, so a chunk never leaves in two small segments.
 */
final class ChunkedOutputStream extends OutputStream {
    /** The handler's own buffers (MetricsHandler's 16 KiB) arrive whole as one chunk. */
    static final int CHUNK = 16 * 1024;
    /** Room before the data for the size line: up to 4 hex digits and CRLF. */
    private static final int HEAD = 6;
    private static final byte[] LAST = {'0', '\r', '\n', '\r', '\n'};

    private final OutputStream out;
    private final byte[] buffer = new byte[HEAD + CHUNK + 2 + LAST.length];
    private int count; // data bytes in buffer, from HEAD
    private boolean closed;

    ChunkedOutputStream(OutputStream out) {
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
        while (len > 0) {
            int n = Math.min(len, CHUNK - count);
            System.arraycopy(b, off, buffer, HEAD + count, n);
            count += n;
            off += n;
            len -= n;
            if (count == CHUNK) {
                writeChunk(false);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        if (count > 0) {
            writeChunk(false);
        }
        out.flush();
    }

    /** Writes what is left and the last, empty chunk; the connection stays open for the next request. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writeChunk(true);
        out.flush();
    }

    private void writeChunk(boolean last) throws IOException {
        int start = HEAD;
        int end = HEAD;
        if (count > 0) {
            int size = count;
            buffer[--start] = '\n';
            buffer[--start] = '\r';
            do {
                buffer[--start] = (byte) Character.forDigit(size & 0xf, 16);
                size >>>= 4;
            } while (size != 0);
            end = HEAD + count;
            buffer[end++] = '\r';
            buffer[end++] = '\n';
        }
        if (last) {
            System.arraycopy(LAST, 0, buffer, end, LAST.length);
            end += LAST.length;
        }
        out.write(buffer, start, end - start);
        count = 0;
    }
}
