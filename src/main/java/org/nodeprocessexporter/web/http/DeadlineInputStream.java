package org.nodeprocessexporter.web.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The socket's input, with how long each read may block: a fixed time per read (the idle wait
 * between requests, body reads), or a deadline for several reads together (a request head, so
 * that a client trickling one byte at a time cannot hold the connection). Sits under the
 * connection's BufferedInputStream, so SO_TIMEOUT is set only when the socket is really read; the
 * read then blocks in one poll with that timeout, and the thread wakes only for bytes or at expiry.
 */
final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private boolean hasDeadline;
    private long deadline; // System.nanoTime() by which reads must be done, when hasDeadline
    private int perRead; // millis, without a deadline
    private int applied = -1;

    DeadlineInputStream(InputStream in, Socket socket) {
        super(in);
        this.socket = socket;
    }

    /** Each read from now on may block for up to {@code millis}. */
    void perRead(int millis) {
        hasDeadline = false;
        perRead = millis;
    }

    /** Reads from now on must all be done by {@code nanoTime} ({@link System#nanoTime()}). */
    void until(long nanoTime) {
        hasDeadline = true;
        deadline = nanoTime;
    }

    @Override
    public int read() throws IOException {
        arm();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return in.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        arm();
        return in.skip(n);
    }

    private void arm() throws IOException {
        int millis = perRead;
        if (hasDeadline) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("request head not complete in time");
            }
            millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        if (millis != applied) {
            socket.setSoTimeout(millis);
            applied = millis;
        }
    }
}
