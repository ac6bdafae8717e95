package org.nodeprocessexporter.web.config;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.nodeprocessexporter.web.http.BlockingHttpServer;

/**
 * The web configuration in force and the pieces that apply it to a {@code com.sun.net.httpserver}
 * server (ours, {@link BlockingHttpServer}). See the package documentation for how to plug it in.
 *
 * <p>Reloads happen on demand ({@link #reload()}, e.g. on SIGHUP) and by themselves: every
 * request and every new TLS connection stats the config file and the certificate files it names
 * and reloads when one changed. A version that fails to load is reported to the warning consumer
 * and the last good one stays in force.
 */
public final class WebSecurity {
    private static final int BCRYPT_CONCURRENCY = 2;
    private static final Duration BCRYPT_MAX_WAIT = Duration.ofSeconds(5);

    private final Path file;
    private final Consumer<String> warnings;
    private final AtomicLong generation = new AtomicLong();
    private final ReentrantLock reloadLock = new ReentrantLock();
    private final BasicAuthenticator authenticator = new BasicAuthenticator(BCRYPT_CONCURRENCY, BCRYPT_MAX_WAIT);
    private final LiveTls tls;
    private final Filter filter = new WebSecurityFilter(this);
    private volatile LoadedWebConfig loaded;
    private FileStamps lastSeen; // guarded by reloadLock; also set by failed loads, so they are not retried per request

    private WebSecurity(Path file, Consumer<String> warnings, LoadedWebConfig initial) throws WebConfigException {
        this.file = file;
        this.warnings = warnings;
        this.loaded = initial;
        this.lastSeen = initial.stamps();
        try {
            this.tls = initial.tls() == null ? null : new LiveTls(initial.tls());
        } catch (GeneralSecurityException e) {
            throw new WebConfigException(file, 0, "cannot create a TLS context: " + e, e);
        }
    }

    /**
     * Loads {@code file} (the value of --web.config.file) and everything it names.
     *
     * @param warnings receives one-line messages about rejected reloads and settings the JDK
     *                 cannot honour
     * @throws WebConfigException with the file, line and problem, for a start-up error
     */
    public static WebSecurity load(Path file, Consumer<String> warnings) throws WebConfigException {
        Objects.requireNonNull(warnings, "warnings");
        LoadedWebConfig initial = LoadedWebConfig.load(file, 0, warnings);
        return new WebSecurity(file.toAbsolutePath().normalize(), warnings, initial);
    }

    /** Whether connections are TLS; fixed for the life of this object, as the server type is. */
    public boolean tlsEnabled() {
        return tls != null;
    }

    /**
     * The configurator to set on every HttpsServer. Its SSLContext follows reloads (new
     * certificates, CAs, client auth, versions and suites apply to new connections).
     *
     * @throws IllegalStateException when TLS is not configured
     */
    public HttpsConfigurator httpsConfigurator() {
        if (tls == null) {
            throw new IllegalStateException("web config " + file + " does not configure TLS");
        }
        return tls.configurator(this::checkForChanges);
    }

    /** An unstarted server speaking TLS with {@link #httpsConfigurator()}, or plain HTTP without TLS. */
    public HttpServer createServer(InetSocketAddress address, int backlog) throws IOException {
        BlockingHttpServer server = BlockingHttpServer.create(address, backlog);
        if (tls != null) {
            server.setHttpsConfigurator(httpsConfigurator());
        }
        return server;
    }

    /** Rate limit, security headers and basic auth; add it to every HttpContext. */
    public Filter filter() {
        return filter;
    }

    /** The configuration in force. */
    public WebConfig config() {
        return loaded.config();
    }

    /**
     * Re-reads the file and the files it names now.
     *
     * @return true when the new version is in force; false when it was rejected (and reported)
     */
    public boolean reload() {
        reloadLock.lock();
        try {
            return reloadLocked();
        } finally {
            reloadLock.unlock();
        }
    }

    /** Reloads when a watched file changed since the last attempt; cheap enough for every request. */
    public void checkForChanges() {
        if (!reloadLock.tryLock()) {
            return; // another thread is checking or reloading; this request keeps the version in force
        }
        try {
            if (lastSeen.changed()) {
                reloadLocked();
            }
        } finally {
            reloadLock.unlock();
        }
    }

    private boolean reloadLocked() {
        FileStamps before = FileStamps.of(lastSeen.files()); // before reading, so an edit during the load is seen later
        LoadedWebConfig next;
        try {
            next = LoadedWebConfig.load(file, generation.incrementAndGet(), warnings);
        } catch (WebConfigException e) {
            lastSeen = before;
            warnings.accept("keeping the previous web config: " + e.getMessage());
            return false;
        }
        lastSeen = next.stamps();
        if ((next.tls() != null) != (tls != null)) {
            warnings.accept("keeping the previous web config: web config " + file
                    + ": turning TLS on or off needs a restart");
            return false;
        }
        if (tls != null) {
            tls.install(next.tls());
        }
        loaded = next;
        return true;
    }

    LoadedWebConfig loaded() {
        return loaded;
    }

    BasicAuthenticator authenticator() {
        return authenticator;
    }
}
