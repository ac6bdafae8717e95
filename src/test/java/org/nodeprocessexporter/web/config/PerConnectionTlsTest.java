package org.nodeprocessexporter.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.web.http.BlockingHttpServer;

/**
 * LiveTls relies on the server asking the configurator once per new connection: that is where it
 * looks for rotated certificates and applies the current protocols and client-auth policy.
 */
class PerConnectionTlsTest {
    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(dir);
    }

    @Test
    void configureRunsOncePerConnectionAndItsParametersApply() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", PemReader.privateKey(pki.read("server.key")), "pw".toCharArray(),
                PemReader.certificates(pki.read("server.crt")).toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        List<InetSocketAddress> configured = new CopyOnWriteArrayList<>();
        HttpsConfigurator configurator = new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                configured.add(params.getClientAddress());
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.2"});
                params.setSSLParameters(p);
            }
        };
        BlockingHttpServer server = BlockingHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(configurator);
        server.createContext("/", exchange -> {
            byte[] body = ((HttpsExchange) exchange).getSSLSession().getProtocol().getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        SSLContext client = TestServers.client(pki, null);
        int port = server.getAddress().getPort();
        try (SSLSocket first = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            first.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(first.getInputStream());
            assertThat(get(first, in)).isEqualTo("TLSv1.2");
            assertThat(get(first, in)).isEqualTo("TLSv1.2"); // same connection: no second configure
            assertThat(configured).hasSize(1);
            assertThat(configured.get(0).getPort()).isEqualTo(first.getLocalPort());
            try (SSLSocket second = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
                second.setSoTimeout(10_000);
                assertThat(get(second, new BufferedInputStream(second.getInputStream()))).isEqualTo("TLSv1.2");
                assertThat(configured).hasSize(2);
                assertThat(configured.get(1).getPort()).isEqualTo(second.getLocalPort());
            }
        } finally {
            server.stop(0);
        }
    }

    /** One keep-alive GET; the body of the response. */
    private static String get(SSLSocket socket, InputStream in) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        assertThat(line(in)).isEqualTo("HTTP/1.1 200 OK");
        int length = -1;
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            if (l.regionMatches(true, 0, "Content-length:", 0, 15)) {
                length = Integer.parseInt(l.substring(15).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
