package org.nodeprocessexporter.web.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body in the chunked transfer coding (RFC 9112 section 7.1), decoded. Chunk
 * extensions and trailer fields are read and dropped, as the JDK server drops them.
 */
final class ChunkedInputStream extends InputStream {
    /** A chunk-size line is a few hex digits; the rest would be extensions nobody sends us. */
    private static final int MAX_SIZE_LINE = 4096;
    /** Trailer fields count against the same budget as header fields. */
    private static final int MAX_TRAILER_BYTES = RequestHeadReader.MAX_HEADER_BYTES;

    private final InputStream in;
    private long remaining; // in the current chunk
    private boolean started;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            if (started) {
                endOfChunkData();
            }
            started = true;
            remaining = chunkSize();
            if (remaining == 0) {
                trailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        remaining -= n;
        return n;
    }

    private void endOfChunkData() throws IOException {
        int c = next();
        if (c == '\r') {
            c = next();
        }
        if (c != '\n') {
            throw new BadRequestException(400, "chunk data not followed by CRLF");
        }
    }

    /** {@code 1*HEXDIG [ ";" extensions ] CRLF}; at most 15 digits, so the size fits a long. */
    private long chunkSize() throws IOException {
        long size = 0;
        int digits = 0;
        int c = next();
        for (int digit; (digit = Character.digit(c, 16)) >= 0; c = next()) {
            if (++digits > 15) {
                throw new BadRequestException(400, "chunk size too large");
            }
            size = size << 4 | digit;
        }
        if (digits == 0) {
            throw new BadRequestException(400, "bad chunk size");
        }
        int length = digits;
        while (c != '\n') {
            if (c != ';' && c != ' ' && c != '\t' && c != '\r' && length == digits) {
                throw new BadRequestException(400, "bad chunk size");
            }
            if (++length > MAX_SIZE_LINE) {
                throw new BadRequestException(400, "chunk size line too long");
            }
            c = next();
        }
        return size;
    }

    private void trailers() throws IOException {
        int total = 0;
        int lineLength = 0;
        while (true) {
            int c = next();
            if (++total > MAX_TRAILER_BYTES) {
                throw new BadRequestException(431, "trailer fields too long");
            }
            if (c == '\n') {
                if (lineLength == 0) {
                    return;
                }
                lineLength = 0;
            } else if (c != '\r') {
                lineLength++;
            }
        }
    }

    private int next() throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("connection closed inside the chunked request body");
        }
        return c;
    }

    /** Closing leaves the connection open: the exchange decides what happens to unread bytes. */
    @Override
    public void close() {
    }
}
