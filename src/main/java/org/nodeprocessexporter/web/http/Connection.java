package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.HttpsConfigurator;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.nodeprocessexporter.Log;

/**
 * One client connection on a thread of its own for its whole life: the TLS handshake, then
 * requests answered one after the other (pipelined ones wait in the socket buffer) until either
 * side closes, a limit or timeout is hit, or the server stops. Between requests the thread is
 * blocked in a socket read whose SO_TIMEOUT is the idle timeout, so it wakes only for the next
 * request or once, at the timeout.
 */
final class Connection implements Runnable {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** After a refused request, how long to read and drop what the client still sends; see {@link #linger}. */
    private static final int LINGER_MILLIS = 1000;

    private enum State { NEW, IDLE, BUSY, CLOSED }

    private final BlockingHttpServer server;
    private final OpenConnections connections;
    private final Socket raw;
    private volatile SSLSocket tls;
    private DeadlineInputStream timed;
    private BufferedInputStream in;
    private BufferedOutputStream out;
    private boolean closeAfterResponse;
    private State state = State.NEW; // guarded by this

    Connection(BlockingHttpServer server, OpenConnections connections, Socket raw) {
        this.server = server;
        this.connections = connections;
        this.raw = raw;
    }

    @Override
    public void run() {
        boolean refused = false;
        try {
            if (open()) {
                RequestHeadReader reader = new RequestHeadReader();
                // a new connection has the header deadline for its first request, first byte included:
                // the idle timeout is for kept-alive connections, between requests
                timed.until(System.nanoTime() + server.headerTimeoutMillis() * 1_000_000L);
                if (serveNext(reader, false)) {
                    while (serveNext(reader, true)) {
                        // one request per turn
                    }
                }
            }
        } catch (BadRequestException e) {
            Log.debug("HTTP request refused", "remote", raw.getRemoteSocketAddress(), "status", e.status(),
                    "err", e.getMessage());
            refused = refuse(e.status());
        } catch (IOException | RuntimeException e) {
            Log.debug("HTTP connection closed", "remote", raw.getRemoteSocketAddress(), "err", e.toString());
        } finally {
            synchronized (this) {
                state = State.CLOSED;
            }
            if (refused) {
                linger();
            }
            close(tls != null ? tls : raw);
            connections.remove(this);
        }
    }

    /** Wraps the socket in TLS when the server has a configurator; the handshake runs here, not on the acceptor. */
    private boolean open() throws IOException {
        raw.setTcpNoDelay(true); // as Go: the response's last segment must not wait for the client's delayed ACK
        Socket socket = raw;
        HttpsConfigurator configurator = server.getHttpsConfigurator();
        if (configurator != null) {
            try {
                tls = TlsHandshake.accept(raw, configurator, server.headerTimeoutMillis());
            } catch (IOException e) {
                Log.debug("TLS handshake failed", "remote", raw.getRemoteSocketAddress(), "err", e.toString());
                return false;
            }
            socket = tls;
        }
        timed = new DeadlineInputStream(socket.getInputStream(), socket);
        in = new BufferedInputStream(timed, 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        return true;
    }

    /**
     * Waits for a request, answers it; false when the connection is to close.
     *
     * @param keptAlive a request came before on this connection: wait up to the idle timeout
     */
    private boolean serveNext(RequestHeadReader reader, boolean keptAlive) throws IOException {
        if (!becomeIdle()) {
            return false;
        }
        if (keptAlive) {
            timed.perRead(server.idleTimeoutMillis());
        }
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            Log.debug("closing idle HTTP connection", "remote", raw.getRemoteSocketAddress());
            return false;
        }
        if (first < 0 || !becomeBusy()) {
            return false;
        }
        if (keptAlive) {
            timed.until(System.nanoTime() + server.headerTimeoutMillis() * 1_000_000L);
        }
        RequestHead request = reader.read(first, in);
        timed.perRead(server.headerTimeoutMillis());
        closeAfterResponse = !request.keepAlive();
        InputStream body = BodyFraming.body(request.headers(), in);
        boolean expectsContinue = BodyFraming.expectsContinue(request) && body != null;
        boolean asterisk = request.target().equals("*");
        ServerContext context = asterisk ? null : server.contextFor(request.uri().getPath());
        Exchange exchange = new Exchange(this, context, request, body != null ? body : InputStream.nullInputStream(),
                expectsContinue);
        try {
            if (asterisk) {
                exchange.sendResponseHeaders(200, -1); // OPTIONS *: what the server supports, as Go answers
            } else if (context == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                serve(context, exchange);
            }
        } finally {
            exchange.close(); // a handler that did not close gets its response completed; 500 if it sent none
        }
        out.flush();
        return !closeAfterResponse;
    }

    /**
     * Runs the context's filters and handler. A failure before the response is a 500, after it
     * the end of the connection: the client cannot tell a cut body from a whole one otherwise.
     */
    private void serve(ServerContext context, Exchange exchange) throws IOException {
        try {
            context.serve(exchange);
            if (!exchange.responseStarted()) {
                Log.debug("HTTP handler sent no response", "path", exchange.getRequestURI().getRawPath());
            }
        } catch (IOException | RuntimeException e) {
            Log.debug("HTTP handler failed", "path", exchange.getRequestURI().getRawPath(), "err", e.toString());
            closeAfterResponse = true;
            if (!exchange.responseStarted()) {
                // a bad chunk size the handler met while reading the body is the client's error
                exchange.sendResponseHeaders(e instanceof BadRequestException bad ? bad.status() : 500, -1);
            }
        }
    }

    /** A response to a request that never became an exchange; true if it was written. */
    private boolean refuse(int status) {
        if (out == null) {
            return false;
        }
        try {
            ResponseHead.writeRefusal(out, status);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * After a refusal the client may still be sending the rest of its request. Closing a socket
     * with unread input sends a reset, which can destroy the response before the client reads
     * it; so, like Go and Apache, send FIN first and read on briefly. Plain TCP only: TLS has no
     * half-close that every client understands.
     */
    private void linger() {
        if (tls != null) {
            return;
        }
        try {
            raw.shutdownOutput();
            timed.until(System.nanoTime() + LINGER_MILLIS * 1_000_000L);
            byte[] scrap = new byte[8192];
            for (int total = 0; total < Exchange.MAX_DRAIN; ) {
                int n = in.read(scrap);
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (IOException e) {
            // timed out or reset: close now
        }
    }

    void writeContinue() throws IOException {
        out.write(CONTINUE);
        out.flush();
    }

    BufferedOutputStream output() {
        return out;
    }

    void closeAfterResponse() {
        closeAfterResponse = true;
    }

    /** Also while the server stops, so that the client hears the connection will not take another request. */
    boolean closingAfterResponse() {
        return closeAfterResponse || server.stopping();
    }

    SSLSession sslSession() {
        SSLSocket s = tls;
        return s == null ? null : s.getSession();
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) raw.getRemoteSocketAddress();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) raw.getLocalSocketAddress();
    }

    private synchronized boolean becomeIdle() {
        if (state == State.CLOSED || server.stopping()) {
            return false;
        }
        state = State.IDLE;
        return true;
    }

    private synchronized boolean becomeBusy() {
        if (state == State.CLOSED) {
            return false;
        }
        state = State.BUSY;
        return true;
    }

    /** From stop(): a connection between requests, or not started yet, is closed at once. */
    void closeIfIdle() {
        synchronized (this) {
            if (state == State.BUSY || state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        close(raw);
    }

    /** From stop(), after the grace period: whatever it is doing, the socket goes. */
    void closeNow() {
        synchronized (this) {
            state = State.CLOSED;
        }
        close(raw);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
