package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** What {@code HttpsConfigurator.configure} is given for one new connection, and what it chose. */
final class TlsParameters extends HttpsParameters {
    private final HttpsConfigurator configurator;
    private final InetSocketAddress client;
    private SSLParameters chosen;

    TlsParameters(HttpsConfigurator configurator, InetSocketAddress client) {
        this.configurator = configurator;
        this.client = client;
    }

    @Override
    public HttpsConfigurator getHttpsConfigurator() {
        return configurator;
    }

    @Override
    public InetSocketAddress getClientAddress() {
        return client;
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        this.chosen = params;
    }

    /**
     * The SSLParameters configure() set; when it set none, the context's defaults with whatever it
     * set through the older per-field setters, as the JDK server applies them.
     */
    SSLParameters resolve(SSLContext context) {
        if (chosen != null) {
            return chosen;
        }
        SSLParameters p = context.getDefaultSSLParameters();
        if (getCipherSuites() != null) {
            p.setCipherSuites(getCipherSuites());
        }
        if (getProtocols() != null) {
            p.setProtocols(getProtocols());
        }
        if (getNeedClientAuth()) {
            p.setNeedClientAuth(true);
        } else if (getWantClientAuth()) {
            p.setWantClientAuth(true);
        }
        return p;
    }
}
