package org.nodeprocessexporter.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebConfigLoadTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static final String HASH = BCrypt.withDefaults().hashToString(4, "secret".toCharArray());

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(dir);
    }

    private static Path write(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private static LoadedWebConfig load(Path file, List<String> warnings) throws WebConfigException {
        return LoadedWebConfig.load(file, 0, warnings::add);
    }

    @Test
    void defaultsMatchExporterToolkit() throws Exception {
        Path file = write("good.yml", """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                basic_auth_users:
                  alice: '%s'
                """.formatted(HASH));
        LoadedWebConfig c = load(file, new ArrayList<>());
        TlsServerConfig tls = c.config().tls().orElseThrow();
        assertThat(tls.certFile()).isEqualTo(dir.resolve("server.crt"));
        assertThat(tls.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NO_CLIENT_CERT);
        assertThat(tls.preferServerCipherSuites()).isTrue();
        assertThat(c.config().http().http2()).isTrue();
        assertThat(c.config().basicAuthUsers()).containsEntry("alice", HASH);
        assertThat(c.tls().sslParameters().getUseCipherSuitesOrder()).isTrue();
    }

    @Test
    void emptyFileAndTlsSectionWithoutCertificatesMeanPlainHttp() throws Exception {
        assertThat(load(write("empty.yml", ""), new ArrayList<>()).config().tls()).isEmpty();
        assertThat(load(write("versions-only.yml", "tls_server_config:\n  min_version: TLS13\n"), new ArrayList<>())
                .config().tls()).isEmpty();
    }

    @Test
    void translatesGoNamesToJsse() throws Exception {
        List<String> warnings = new ArrayList<>();
        Path file = write("names.yml", """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server-pkcs1.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.crt
                  min_version: TLS12
                  max_version: TLS12
                  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256]
                  curve_preferences: [X25519, CurveP256, CurveP384, CurveP521]
                  prefer_server_cipher_suites: false
                http_server_config:
                  http2: false
                  headers:
                    X-Frame-Options: deny
                    X-Content-Type-Options: nosniff
                    Strict-Transport-Security: max-age=31536000
                    X-XSS-Protection: "1; mode=block"
                    Content-Security-Policy: "default-src 'self'"
                rate_limit:
                  interval: 1m30s
                  burst: 3
                """);
        LoadedWebConfig c = load(file, warnings);
        TlsServerConfig tls = c.config().tls().orElseThrow();
        assertThat(tls.protocols()).containsExactly("TLSv1.2");
        assertThat(tls.cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(tls.namedGroups()).containsExactly("x25519", "secp256r1", "secp384r1", "secp521r1");
        assertThat(c.tls().sslParameters().getNeedClientAuth()).isTrue();
        assertThat(c.tls().sslParameters().getCipherSuites()).doesNotContain("TLS_AES_128_GCM_SHA256");
        assertThat(c.config().http().headers()).hasSize(5);
        assertThat(c.config().rateLimit().orElseThrow().interval()).isEqualTo(Duration.ofSeconds(90));
        if (TlsMaterial.SET_NAMED_GROUPS == null) {
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("-Djdk.tls.namedGroups=x25519,secp256r1"));
        }
    }

    @Test
    void tls10IsAcceptedWithAWarningThatTheJdkDisablesIt() throws Exception {
        List<String> warnings = new ArrayList<>();
        Path file = write("tls10.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "  min_version: TLS10\n");
        assertThat(load(file, warnings).config().tls().orElseThrow().protocols()).startsWith("TLSv1");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("TLSv1.1").contains("disabledAlgorithms"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top key      | 2 | unknown key "tls_config"   | basic_auth_users: {}\\ntls_config: {}
            unknown tls key      | 3 | unknown key "certfile"     | tls_server_config:\\n  key_file: server.key\\n  certfile: server.crt
            duplicate key        | 2 | duplicate key              | basic_auth_users: {}\\nbasic_auth_users: {}
            wrong type list      | 4 | must be a list             | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  cipher_suites: TLS_AES_128_GCM_SHA256
            wrong type mapping   | 1 | must be a mapping          | basic_auth_users: [alice]
            wrong type bool      | 2 | must be true or false      | http_server_config:\\n  http2: maybe
            yaml syntax          | 2 | invalid YAML               | basic_auth_users:\\n  alice: [unclosed
            invalid hash         | 2 | not a bcrypt hash          | basic_auth_users:\\n  alice: $1$abc
            header not allowed   | 3 | can not be configured      | http_server_config:\\n  headers:\\n    Server: nginx
            header bad value     | 3 | Expected one of            | http_server_config:\\n  headers:\\n    X-Frame-Options: allow
            unknown cipher       | 4 | unknown cipher suite: RC4  | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  cipher_suites: [RC4]
            unknown curve        | 4 | unknown curve: P256        | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  curve_preferences: [P256]
            unknown version      | 4 | unknown TLS version: TLS14 | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  max_version: TLS14
            min above max        | 4 | min_version is above       | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  min_version: TLS13\\n  max_version: TLS12
            bad client auth      | 4 | invalid client_auth_type   | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  client_auth_type: Always
            verify without CA    | 4 | needs client_ca_file       | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  client_auth_type: RequireAndVerifyClientCert
            CA without auth      | 4 | without a Client Auth      | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  client_ca_file: ca.crt
            sans need a cert     | 6 | client_allowed_sans requires | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  client_ca_file: ca.crt\\n  client_auth_type: VerifyClientCertIfGiven\\n  client_allowed_sans: [a]
            missing key          | 1 | missing one of key         | tls_server_config:\\n  cert_file: server.crt
            missing cert file    | 2 | file does not exist        | tls_server_config:\\n  cert_file: nope.crt\\n  key_file: server.key
            unreadable cert      | 2 | no CERTIFICATE             | tls_server_config:\\n  cert_file: server.key\\n  key_file: server.key
            key does not match   | 3 | does not match             | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server2.key
            ec key wrong cert    | 3 | does not match             | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server-ec.key
            bad CA file          | 5 | client_ca_file             | tls_server_config:\\n  cert_file: server.crt\\n  key_file: server.key\\n  client_auth_type: VerifyClientCertIfGiven\\n  client_ca_file: server.key
            bad rate interval    | 2 | invalid duration           | rate_limit:\\n  interval: fast\\n  burst: 1
            """)
    void badConfigsNameFileLineAndProblem(String name, int line, String problem, String yaml) throws Exception {
        Path file = write(name.replace(' ', '-') + ".yml", yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> load(file, new ArrayList<>()))
                .isInstanceOf(WebConfigException.class)
                .hasMessageStartingWith("web config " + file + ":" + line + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingConfigFileNamesTheFile() {
        Path file = dir.resolve("absent.yml");
        assertThatThrownBy(() -> WebSecurity.load(file, w -> { }))
                .isInstanceOf(WebConfigException.class)
                .hasMessage("web config " + file + ": file does not exist");
    }
}
