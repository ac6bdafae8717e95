package org.nodeprocessexporter.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private Path file;
    private WebSecurity web;
    private HttpServer server;
    private SSLContext client;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(dir);
    }

    @BeforeEach
    void start() throws Exception {
        Files.copy(pki.path("server.crt"), dir.resolve("live.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pki.path("server.key"), dir.resolve("live.key"), StandardCopyOption.REPLACE_EXISTING);
        file = dir.resolve("web.yml");
        writeConfig("old");
        web = WebSecurity.load(file, warnings::add);
        server = TestServers.start(web);
        client = TestServers.client(pki, null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void writeConfig(String password) throws Exception {
        Files.writeString(file, """
                tls_server_config:
                  cert_file: live.crt
                  key_file: live.key
                basic_auth_users:
                  prometheus: '%s'
                """.formatted(BCrypt.withDefaults().hashToString(4, password.toCharArray())));
    }

    private int status(String password) throws Exception {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.getAddress().getPort())) {
            String auth = Base64.getEncoder().encodeToString(("prometheus:" + password).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(line.split(" ")[1]);
        }
    }

    private String servedCertificate() {
        return TestServers.get(client, server.getAddress().getPort()).serverCert().getSubjectX500Principal().getName();
    }

    @Test
    void aNewPasswordHashAppliesToTheNextRequest() throws Exception {
        assertThat(status("old")).isEqualTo(200);
        writeConfig("new"); // same length, likely the same mtime tick: the content hash must notice
        assertThat(status("old")).isEqualTo(401);
        assertThat(status("new")).isEqualTo(200);
        assertThat(warnings).isEmpty();
    }

    /** The client keeps one SSLContext, so it would resume its session if the server let it. */
    @Test
    void rotatedCertificateFilesApplyToTheNextConnection() throws Exception {
        assertThat(servedCertificate()).isEqualTo("CN=localhost");
        Files.copy(pki.path("server2.crt"), dir.resolve("live.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pki.path("server2.key"), dir.resolve("live.key"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(servedCertificate()).isEqualTo("CN=localhost-rotated");
        assertThat(status("old")).isEqualTo(200);
    }

    @Test
    void aCertificateWithoutItsNewKeyIsRejectedAndTheOldPairStays() throws Exception {
        Files.copy(pki.path("server2.crt"), dir.resolve("live.crt"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(servedCertificate()).isEqualTo("CN=localhost");
        assertThat(warnings).singleElement().asString().contains("keeping the previous web config")
                .contains("does not match");
        Files.copy(pki.path("server2.key"), dir.resolve("live.key"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(servedCertificate()).isEqualTo("CN=localhost-rotated");
    }

    @Test
    void aBrokenEditKeepsTheLastGoodConfigAndIsReportedOnce() throws Exception {
        Files.writeString(file, "tls_server_config:\n  cert_file: live.crt\n  key_file: live.key\n  bogus: 1\n");
        assertThat(status("old")).isEqualTo(200);
        assertThat(status("old")).isEqualTo(200);
        assertThat(warnings).singleElement().asString()
                .startsWith("keeping the previous web config: web config " + file + ":4: unknown key \"bogus\"");
        assertThat(web.reload()).isFalse();
        writeConfig("new");
        assertThat(web.reload()).isTrue();
        assertThat(status("new")).isEqualTo(200);
    }

    @Test
    void aStricterClientAuthPolicyAppliesToClientsThatWouldResume() throws Exception {
        assertThat(status("old")).isEqualTo(200);
        Files.writeString(file, Files.readString(file).replace("  key_file: live.key\n",
                "  key_file: live.key\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n"));
        assertThat(TestServers.get(client, server.getAddress().getPort()).status()).isEqualTo(-1);
        assertThat(TestServers.get(TestServers.client(pki, "client"), server.getAddress().getPort()).status())
                .isEqualTo(401); // TLS admits it now; basic auth still wants the password
        assertThat(warnings).isEmpty();
    }

    @Test
    void turningTlsOffNeedsARestart() throws Exception {
        Files.writeString(file, "basic_auth_users: {}\n");
        assertThat(web.reload()).isFalse();
        assertThat(warnings).singleElement().asString().contains("needs a restart");
        assertThat(status("old")).isEqualTo(200);
    }
}
