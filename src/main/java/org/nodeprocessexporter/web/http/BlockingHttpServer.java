package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 server behind the {@code com.sun.net.httpserver} API that never wakes up while
 * idle. The JDK's own server wakes its dispatcher from {@code select(1000)} every second (about
 * 95 µs of CPU each time, 5.7 ms a minute) and runs an idle-connection timer every ten; node_exporter
 * idles at 0.05 ms a minute. Here one acceptor thread blocks in {@code accept()} and each
 * connection's thread in a socket read, with SO_TIMEOUT as its timeout: nothing runs between
 * requests, no selector, no timer.
 *
 * <p>TLS when an {@link HttpsConfigurator} is set, plain HTTP otherwise.
 */
public final class BlockingHttpServer extends HttpsServer {
    /** Longer than the usual 15 s to 1 min scrape intervals, so Prometheus' connection is reused. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** For a request head, a request body read or a TLS handshake: against slow-loris clients. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(30);

    private final int idleTimeoutMillis;
    private final int headerTimeoutMillis;
    private final List<ServerContext> contexts = new CopyOnWriteArrayList<>();
    private final OpenConnections connections = new OpenConnections();
    private ServerSocket listener;
    private volatile Executor executor;
    private volatile HttpsConfigurator configurator;
    private volatile boolean stopping;
    private Thread acceptor;

    private BlockingHttpServer(Duration idleTimeout, Duration headerTimeout) {
        this.idleTimeoutMillis = Math.toIntExact(idleTimeout.toMillis());
        this.headerTimeoutMillis = Math.toIntExact(headerTimeout.toMillis());
    }

    /** A server bound to {@code address} (unbound if null) with the default timeouts; not started. */
    public static BlockingHttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return create(address, backlog, DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT);
    }

    /**
     * @param idleTimeout   how long a kept-alive connection may wait for its next request
     * @param headerTimeout how long a request head may take to arrive once it started (a new
     *                      connection's first one: once connected), and each body read and TLS
     *                      handshake read may block
     */
    public static BlockingHttpServer create(InetSocketAddress address, int backlog, Duration idleTimeout,
                                            Duration headerTimeout) throws IOException {
        BlockingHttpServer server = new BlockingHttpServer(idleTimeout, headerTimeout);
        if (address != null) {
            server.bind(address, backlog);
        }
        return server;
    }

    @Override
    public synchronized void bind(InetSocketAddress address, int backlog) throws IOException {
        if (listener != null) {
            throw new BindException("HttpServer already bound");
        }
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(address, backlog);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        listener = socket;
    }

    @Override
    public synchronized void start() {
        if (acceptor != null) {
            throw new IllegalStateException("server already started");
        }
        if (listener == null) {
            throw new IllegalStateException("server not bound");
        }
        acceptor = new Thread(new Acceptor(this, listener, connections), "http-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Closes the listening socket and every connection waiting for a request at once; waits up to
     * {@code delaySeconds} for requests being answered, then closes their connections too.
     */
    @Override
    public void stop(int delaySeconds) {
        if (delaySeconds < 0) {
            throw new IllegalArgumentException("negative delay parameter");
        }
        stopping = true;
        ServerSocket l;
        Thread a;
        synchronized (this) {
            l = listener;
            a = acceptor;
        }
        if (l != null) {
            closeQuietly(l);
        }
        if (a != null) {
            try {
                a.join(TimeUnit.SECONDS.toMillis(1)); // it leaves accept() as soon as the listener is closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connections.closeIdle();
        connections.awaitEmpty(System.nanoTime() + TimeUnit.SECONDS.toNanos(delaySeconds));
        connections.closeAll();
    }

    /** The context whose path is the longest prefix of {@code path}, as the JDK server picks it. */
    ServerContext contextFor(String path) {
        if (path == null) {
            return null;
        }
        ServerContext best = null;
        for (ServerContext c : contexts) {
            if (path.startsWith(c.getPath()) && (best == null || c.getPath().length() > best.getPath().length())) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        return addContext(path, handler);
    }

    @Override
    public HttpContext createContext(String path) {
        return addContext(path, null);
    }

    private synchronized HttpContext addContext(String path, HttpHandler handler) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("Illegal value for path: " + path);
        }
        for (ServerContext c : contexts) {
            if (c.getPath().equals(path)) {
                throw new IllegalArgumentException("cannot add context to list: " + path + " exists");
            }
        }
        ServerContext context = new ServerContext(path, handler, this);
        contexts.add(context);
        return context;
    }

    @Override
    public synchronized void removeContext(String path) {
        for (ServerContext c : contexts) {
            if (c.getPath().equals(path)) {
                contexts.remove(c);
                return;
            }
        }
        throw new IllegalArgumentException("cannot remove element from list: no context " + path);
    }

    @Override
    public synchronized void removeContext(HttpContext context) {
        if (!contexts.remove(context)) {
            throw new IllegalArgumentException("cannot remove element from list");
        }
    }

    @Override
    public synchronized void setExecutor(Executor e) {
        if (acceptor != null) {
            throw new IllegalStateException("server already started");
        }
        executor = e;
    }

    /** The executor set, or null: then each connection gets a daemon thread of its own. */
    @Override
    public Executor getExecutor() {
        return executor;
    }

    @Override
    public void setHttpsConfigurator(HttpsConfigurator config) {
        if (config == null) {
            throw new NullPointerException("null HttpsConfigurator");
        }
        configurator = config;
    }

    @Override
    public HttpsConfigurator getHttpsConfigurator() {
        return configurator;
    }

    /** The bound address, with the real port when 0 was asked for; null before bind. */
    @Override
    public synchronized InetSocketAddress getAddress() {
        return listener == null ? null : (InetSocketAddress) listener.getLocalSocketAddress();
    }

    int idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    int headerTimeoutMillis() {
        return headerTimeoutMillis;
    }

    boolean stopping() {
        return stopping;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing: nothing left to do
        }
    }
}
