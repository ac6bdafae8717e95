package org.nodeprocessexporter.web.config;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.security.GeneralSecurityException;
import java.util.Enumeration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * The one SSLContext an HttpsServer keeps for its whole life, made to follow reloads.
 *
 * <p>An HttpsServer (the JDK's, or our BlockingHttpServer) creates every connection's SSLEngine
 * or SSLSocket from the configurator's one context; {@code configure(HttpsParameters)} runs per
 * connection but can only set SSLParameters. So the context's key and trust managers delegate
 * to the {@link TlsMaterial} installed last, and {@code configure} checks the files for changes
 * and applies the current version's protocols, suites and client-auth mode.
 */
final class LiveTls {
    private volatile TlsMaterial current;
    private volatile TlsMaterial previous;
    private final SSLContext context;

    LiveTls(TlsMaterial initial) throws GeneralSecurityException {
        this.current = initial;
        this.previous = initial;
        this.context = newContextWithoutSessionTickets();
        context.init(new KeyManager[] {new ReloadingKeyManager(this)},
                new TrustManager[] {new ClientCertTrustManager(this)}, null);
    }

    /**
     * Resumption through stateless TLS 1.3 session tickets cannot be revoked (the ticket keys
     * have no API), so a reload could not stop it. JSSE reads this property once, when the
     * context's session cache is made; it is set just for that moment, only for this context.
     */
    private static SSLContext newContextWithoutSessionTickets() throws GeneralSecurityException {
        synchronized (System.class) {
            String key = "jdk.tls.server.enableSessionTicketExtension";
            String before = System.getProperty(key);
            System.setProperty(key, "false");
            try {
                return SSLContext.getInstance("TLS");
            } finally {
                if (before == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, before);
                }
            }
        }
    }

    void install(TlsMaterial next) {
        previous = current;
        current = next;
        // A resumed session skips the key and trust managers: it would keep serving the old
        // certificate and, worse, keep admitting clients the new client CA or policy refuses.
        SSLSessionContext sessions = context.getServerSessionContext();
        for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
            SSLSession session = sessions.getSession(ids.nextElement());
            if (session != null) {
                session.invalidate();
            }
        }
    }

    TlsMaterial current() {
        return current;
    }

    /** The material an alias handed out earlier belongs to; null when it is older than one reload. */
    TlsMaterial byAlias(String alias) {
        TlsMaterial c = current;
        if (c.alias().equals(alias)) {
            return c;
        }
        TlsMaterial p = previous;
        return p.alias().equals(alias) ? p : null;
    }

    SSLContext context() {
        return context;
    }

    HttpsConfigurator configurator(Runnable beforeConnection) {
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                beforeConnection.run();
                params.setSSLParameters(current.sslParameters());
            }
        };
    }
}
