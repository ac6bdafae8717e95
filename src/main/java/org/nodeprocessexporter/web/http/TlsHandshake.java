package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.HttpsConfigurator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** The server side of TLS on one accepted socket, set up as the JDK server sets up its SSLEngines. */
final class TlsHandshake {
    private TlsHandshake() {
    }

    /**
     * Wraps {@code raw}, asks the configurator for this connection's parameters (LiveTls looks
     * for rotated certificates there) and completes the handshake, each read waiting at most
     * {@code timeoutMillis}.
     *
     * @return the socket to speak HTTP over; closing it closes {@code raw}
     */
    static SSLSocket accept(Socket raw, HttpsConfigurator configurator, int timeoutMillis) throws IOException {
        SSLContext context = configurator.getSSLContext();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
        try {
            ssl.setUseClientMode(false);
            TlsParameters params = new TlsParameters(configurator, (InetSocketAddress) raw.getRemoteSocketAddress());
            configurator.configure(params);
            ssl.setSSLParameters(params.resolve(context));
            ssl.setSoTimeout(timeoutMillis);
            ssl.startHandshake();
            return ssl;
        } catch (IOException | RuntimeException e) {
            ssl.close();
            throw e;
        }
    }
}
