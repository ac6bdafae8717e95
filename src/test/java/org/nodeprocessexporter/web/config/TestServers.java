package org.nodeprocessexporter.web.config;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** A real JDK server with the web config applied, and a TLS client that shows what happened. */
final class TestServers {
    private TestServers() {
    }

    static HttpServer start(WebSecurity web) throws IOException {
        HttpServer server = web.createServer(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }).getFilters().add(web.filter());
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    /** What one HTTPS GET saw; status -1 when the connection failed. */
    record Result(int status, String protocol, X509Certificate serverCert, String error) {
    }

    /** A client trusting {@code pki}'s CA that, when given a certificate, always sends it. */
    static SSLContext client(TestPki pki, String certName) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", PemReader.certificates(pki.read("ca.crt")).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManager[] kms = null;
        if (certName != null) {
            X509Certificate[] chain = PemReader.certificates(pki.read(certName + ".crt")).toArray(X509Certificate[]::new);
            kms = new KeyManager[] {new FixedKeyManager(chain, PemReader.privateKey(pki.read(certName + ".key")))};
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kms, tmf.getTrustManagers(), null);
        return ctx;
    }

    static Result get(SSLContext ctx, int port, String... protocols) {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            if (protocols.length > 0) {
                s.setEnabledProtocols(protocols);
            }
            s.startHandshake();
            String protocol = s.getSession().getProtocol();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (line == null) {
                return new Result(-1, protocol, cert, "connection closed");
            }
            return new Result(Integer.parseInt(line.split(" ")[1]), protocol, cert, null);
        } catch (IOException | RuntimeException e) {
            return new Result(-1, null, null, e.toString());
        }
    }

    static String curl(TestPki pki, int port, List<String> extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "--cacert", "ca.crt",
                "-o", "/dev/null", "-w", "%{http_code}"));
        cmd.addAll(extra);
        cmd.add("https://127.0.0.1:" + port + "/");
        try {
            return TestPki.run(pki.dir, cmd).trim();
        } catch (IOException e) {
            return "failed";
        }
    }

    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final X509Certificate[] chain;
        private final PrivateKey key;

        FixedKeyManager(X509Certificate[] chain, PrivateKey key) {
            this.chain = chain;
            this.key = key;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "c";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "c"; // even when the server lists other CAs: the test wants the server to judge
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"c"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
