package org.nodeprocessexporter.web.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads one request head, byte by byte, into a buffer the connection keeps for all its requests,
 * and parses it. The limits bound what one client can make the server hold.
 */
final class RequestHeadReader {
    /** Go's and nginx's limits are of this size; a scrape's request line is under 200 bytes. */
    static final int MAX_REQUEST_LINE = 8 * 1024;
    /** The header fields together; a scraper sends under 1 KiB, a browser a few KiB of cookies. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private byte[] buffer = new byte[1024];

    /**
     * @param first the request's first byte, already read while the connection waited idle
     * @throws BadRequestException over a limit or malformed (then answer and close)
     * @throws EOFException        when the client closed the connection inside the head
     */
    RequestHead read(int first, InputStream in) throws IOException {
        int b = first;
        int skipped = 0;
        while (b == '\r' || b == '\n') { // RFC 9112 section 2.2: ignore empty lines before a request
            if (++skipped > MAX_REQUEST_LINE) {
                throw new BadRequestException(400, "only empty lines");
            }
            b = next(in);
        }
        int length = 0;
        int lineStart = 0;
        int requestLineEnd = -1;
        while (true) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = (byte) b;
            if (b == '\n') {
                int lineLength = length - lineStart;
                if (requestLineEnd < 0) {
                    requestLineEnd = length;
                } else if (lineLength == 1 || (lineLength == 2 && buffer[lineStart] == '\r')) {
                    return RequestHead.parse(buffer, length);
                }
                lineStart = length;
            } else if (requestLineEnd < 0) {
                if (length > MAX_REQUEST_LINE) {
                    throw new BadRequestException(414, "request line longer than " + MAX_REQUEST_LINE + " bytes");
                }
            } else if (length - requestLineEnd > MAX_HEADER_BYTES) {
                throw new BadRequestException(431, "header fields longer than " + MAX_HEADER_BYTES + " bytes");
            }
            b = next(in);
        }
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed inside the request head");
        }
        return b;
    }
}
