package org.nodeprocessexporter.web;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nodeprocessexporter.Log;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.ScrapeRunner;
import org.nodeprocessexporter.web.config.WebSecurity;
import org.nodeprocessexporter.web.http.BlockingHttpServer;

/**
 * The exporter's HTTP side: one {@link BlockingHttpServer} (our own HTTP/1.1 server, which never
 * wakes while idle) per listen address, all sharing one handler and one pool of connection
 * threads. Each open connection holds a pool thread for its life, blocked in a read between
 * requests; threads are made on demand and retired when idle, so an idle agent holds two (one of
 * them serving Prometheus' kept-alive connection), plus an acceptor thread per address.
 */
public final class WebServer implements AutoCloseable {
    /** What the HTTP side needs from the command line. */
    public record Options(List<String> listenAddresses, String telemetryPath, boolean exporterMetrics,
                          int maxRequests, Duration scrapeBudget) {
    }

    private WebSecurity security;

    private final List<HttpServer> servers = new ArrayList<>();
    private final ThreadPoolExecutor requestThreads;

    private WebServer(ThreadPoolExecutor requestThreads) {
        this.requestThreads = requestThreads;
    }

    public static WebServer start(Options options, ScrapeRunner runner, Set<String> allCollectors)
            throws UsageException, IOException {
        return start(options, runner, allCollectors, null);
    }

    /**
     * Binds every listen address and starts serving.
     *
     * @param security the {@code --web.config.file} in force (TLS, basic auth, headers), or null for
     *                 plain HTTP without auth
     */
    public static WebServer start(Options options, ScrapeRunner runner, Set<String> allCollectors,
                                  WebSecurity security) throws UsageException, IOException {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(2, 256, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(false);
        WebServer web = new WebServer(threads);
        web.security = security;
        MetricsHandler handler = new MetricsHandler(options.telemetryPath(), runner, allCollectors,
                new ExporterMetrics(options.exporterMetrics()), options.maxRequests(), options.scrapeBudget());
        try {
            for (String address : options.listenAddresses()) {
                InetSocketAddress socket = ListenAddress.parse(address);
                HttpServer server;
                try {
                    server = security == null ? BlockingHttpServer.create(socket, 64) : security.createServer(socket, 64);
                } catch (BindException e) {
                    throw new UsageException("listen tcp " + address + ": bind: " + e.getMessage());
                }
                HttpContext context = server.createContext("/", handler);
                if (security != null) {
                    // one filter for every path: the landing page is behind the same auth as the metrics
                    context.getFilters().add(security.filter());
                }
                server.setExecutor(threads);
                server.start();
                web.servers.add(server);
                Log.info("Listening on", "address", describe(server.getAddress()));
                boolean tls = security != null && security.tlsEnabled();
                Log.info(tls ? "TLS is enabled." : "TLS is disabled.", "http2", false,
                        "address", describe(server.getAddress()));
            }
        } catch (UsageException | IOException | RuntimeException e) {
            web.close();
            throw e;
        }
        return web;
    }

    /** SIGHUP: re-read the web config file; a broken new version is logged and the old one kept. */
    public void reload() {
        if (security != null && !security.reload()) {
            Log.error("web config reload failed, keeping the previous version");
        }
    }

    /** The bound addresses, with the real port when 0 was asked for. */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (HttpServer s : servers) {
            out.add(s.getAddress());
        }
        return out;
    }

    private static String describe(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (a.getAddress().isAnyLocalAddress()) {
            host = "::";
        }
        return host.contains(":") ? "[" + host + "]:" + a.getPort() : host + ":" + a.getPort();
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
        requestThreads.shutdownNow();
    }
}
