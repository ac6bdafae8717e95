package org.nodeprocessexporter.web.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * What {@code HttpExchange.getRequestBody()} returns: the decoded body, which answers
 * {@code Expect: 100-continue} on the handler's first read, and which the exchange drains at its
 * end so that the connection's next request can be read.
 */
final class RequestBody extends InputStream {
    /** Something to do before the first read; may write to the client, so it may fail. */
    interface FirstRead {
        void run() throws IOException;
    }

    private final InputStream decoded;
    private FirstRead beforeFirstRead;
    private boolean atEnd;
    private boolean closed;

    /** @param beforeFirstRead null, or what to do at the handler's first read (send 100 Continue) */
    RequestBody(InputStream decoded, FirstRead beforeFirstRead) {
        this.decoded = decoded;
        this.beforeFirstRead = beforeFirstRead;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("request body stream closed");
        }
        return readDecoded(b, off, len);
    }

    private int readDecoded(byte[] b, int off, int len) throws IOException {
        if (atEnd) {
            return -1;
        }
        if (beforeFirstRead != null) {
            FirstRead first = beforeFirstRead;
            beforeFirstRead = null;
            first.run();
        }
        int n = decoded.read(b, off, len);
        atEnd = n < 0;
        return n;
    }

    @Override
    public int available() throws IOException {
        return closed || atEnd ? 0 : decoded.available();
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * Reads and drops what the handler left unread, up to {@code limit} bytes.
     *
     * @return true when the body was read to its end, so the next request can follow; false when
     *         more than {@code limit} bytes were left, or when the client waits for a 100 Continue
     *         that was never sent (it may never send the body)
     */
    boolean drain(int limit) throws IOException {
        if (atEnd) {
            return true;
        }
        if (beforeFirstRead != null) {
            return false;
        }
        byte[] scrap = new byte[Math.min(limit + 1, 8192)];
        for (long dropped = 0; dropped <= limit; ) {
            int n = readDecoded(scrap, 0, scrap.length);
            if (n < 0) {
                return true;
            }
            dropped += n;
        }
        return false;
    }
}
