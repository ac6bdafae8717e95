package org.nodeprocessexporter.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsServerTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    private final List<HttpServer> servers = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(dir);
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private int serve(String name, String tlsLines) throws Exception {
        Path file = dir.resolve(name + ".yml");
        Files.writeString(file, "tls_server_config:\n" + tlsLines.indent(2));
        WebSecurity web = WebSecurity.load(file, w -> { });
        assertThat(web.tlsEnabled()).isTrue();
        HttpServer server = TestServers.start(web);
        assertThat(server).isInstanceOf(HttpsServer.class);
        servers.add(server);
        return server.getAddress().getPort();
    }

    @Test
    void jdkHttpClientAndCurlTrustTheServerThroughTheCa() throws Exception {
        int port = serve("basic", "cert_file: server.crt\nkey_file: server.key\n");
        HttpClient client = HttpClient.newBuilder().sslContext(TestServers.client(pki, null))
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
        assertThat(TestServers.curl(pki, port, List.of())).isEqualTo("200");
    }

    @Test
    void plainHttpToTheTlsPortFails() throws Exception {
        int port = serve("plain", "cert_file: server.crt\nkey_file: server.key\n");
        HttpClient client = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void servesPkcs1RsaAndSec1EcKeys() throws Exception {
        int rsa = serve("pkcs1", "cert_file: server.crt\nkey_file: server-pkcs1.key\n");
        assertThat(TestServers.get(TestServers.client(pki, null), rsa).status()).isEqualTo(200);
        int ec = serve("ec", "cert_file: server-ec.crt\nkey_file: server-ec.key\n");
        TestServers.Result r = TestServers.get(TestServers.client(pki, null), ec);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.serverCert().getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(TestServers.get(TestServers.client(pki, null), ec, "TLSv1.2").status()).isEqualTo(200);
    }

    @Test
    void inlineCertificateAndKeyWork() throws Exception {
        String yaml = "cert: |\n" + pki.read("server.crt").indent(2) + "key: |\n" + pki.read("server.key").indent(2);
        int port = serve("inline", yaml);
        assertThat(TestServers.get(TestServers.client(pki, null), port).status()).isEqualTo(200);
    }

    /** Columns: policy, then the expected outcome without a cert, with a CA-signed one, with a self-signed one. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "NoClientCert,               ok,   ok,   ok",
        "RequestClientCert,          ok,   ok,   ok",
        "RequireAnyClientCert,       fail, ok,   ok",
        "VerifyClientCertIfGiven,    ok,   ok,   fail",
        "RequireAndVerifyClientCert, fail, ok,   fail",
    })
    void clientAuthTypesAcceptAndRefuseTheRightClients(String policy, String none, String signed, String selfSigned)
            throws Exception {
        String ca = policy.equals("NoClientCert") ? "" : "client_ca_file: ca.crt\n";
        int port = serve(policy, "cert_file: server.crt\nkey_file: server.key\nclient_auth_type: " + policy + "\n" + ca);
        Map<String, String> clients = Map.of("none", none, "client", signed, "selfsigned", selfSigned);
        for (var e : clients.entrySet()) {
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                SSLContext ctx = TestServers.client(pki, e.getKey().equals("none") ? null : e.getKey());
                TestServers.Result r = TestServers.get(ctx, port, protocol);
                assertThat(r.status() == 200 ? "ok" : "fail")
                        .as("%s with %s over %s: %s", policy, e.getKey(), protocol, r.error())
                        .isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void curlClientCertificateAgainstRequireAndVerify() throws Exception {
        int port = serve("curl-mtls", "cert_file: server.crt\nkey_file: server.key\n"
                + "client_auth_type: RequireAndVerifyClientCert\nclient_ca_file: ca.crt\n");
        assertThat(TestServers.curl(pki, port, List.of("--cert", "client.crt", "--key", "client.key"))).isEqualTo("200");
        assertThat(TestServers.curl(pki, port, List.of())).isNotEqualTo("200");
        assertThat(TestServers.curl(pki, port, List.of("--cert", "selfsigned.crt", "--key", "selfsigned.key")))
                .isNotEqualTo("200");
    }

    @Test
    void clientAllowedSansMustMatchOneSan() throws Exception {
        String base = "cert_file: server.crt\nkey_file: server.key\nclient_auth_type: RequireAndVerifyClientCert\n"
                + "client_ca_file: ca.crt\n";
        int allowed = serve("sans-ok", base + "client_allowed_sans: [other.example, spiffe://example/client]\n");
        int refused = serve("sans-no", base + "client_allowed_sans: [other.example]\n");
        SSLContext client = TestServers.client(pki, "client");
        assertThat(TestServers.get(client, allowed).status()).isEqualTo(200);
        assertThat(TestServers.get(client, refused).status()).isEqualTo(-1);
    }

    @Test
    void minAndMaxVersionAreRespected() throws Exception {
        SSLContext client = TestServers.client(pki, null);
        int max12 = serve("max12", "cert_file: server.crt\nkey_file: server.key\nmax_version: TLS12\n");
        assertThat(TestServers.get(client, max12).protocol()).isEqualTo("TLSv1.2");
        assertThat(TestServers.get(client, max12, "TLSv1.3").status()).isEqualTo(-1);
        int min13 = serve("min13", "cert_file: server.crt\nkey_file: server.key\nmin_version: TLS13\n");
        assertThat(TestServers.get(client, min13).protocol()).isEqualTo("TLSv1.3");
        assertThat(TestServers.get(client, min13, "TLSv1.2").status()).isEqualTo(-1);
    }

    @Test
    void cipherSuitesRestrictTls12Only() throws Exception {
        int port = serve("suites", "cert_file: server.crt\nkey_file: server.key\n"
                + "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n");
        SSLContext client = TestServers.client(pki, null);
        assertThat(TestServers.get(client, port, "TLSv1.3").status()).isEqualTo(200);
        try (var s = (javax.net.ssl.SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            assertThat(s.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        }
    }
}
