package org.nodeprocessexporter.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemReaderTest {
    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(dir);
    }

    @Test
    void readsPkcs8AndPkcs1RsaKeysAsTheSameKey() throws Exception {
        assertThat(pki.read("server.key")).contains("BEGIN PRIVATE KEY");
        assertThat(pki.read("server-pkcs1.key")).contains("BEGIN RSA PRIVATE KEY");
        PrivateKey pkcs8 = PemReader.privateKey(pki.read("server.key"));
        PrivateKey pkcs1 = PemReader.privateKey(pki.read("server-pkcs1.key"));
        assertThat(pkcs8).isInstanceOf(RSAPrivateCrtKey.class);
        assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
    }

    @Test
    void readsSec1EcKeyAfterEcParameters() throws Exception {
        String pem = pki.read("server-ec.key");
        assertThat(pem).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        PrivateKey key = PemReader.privateKey(pem);
        assertThat(key).isInstanceOf(ECPrivateKey.class);
        assertThat(((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    }

    @Test
    void readsCertificateChains() throws Exception {
        String chain = pki.read("server.crt") + pki.read("ca.crt");
        assertThat(PemReader.certificates(chain)).hasSize(2);
    }

    @Test
    void rejectsGarbageAndEncryptedKeys() {
        assertThatThrownBy(() -> PemReader.certificates("hello")).hasMessageContaining("no CERTIFICATE");
        assertThatThrownBy(() -> PemReader.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n")).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> PemReader.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n"
                + "-----END PRIVATE KEY-----\n")).isInstanceOf(GeneralSecurityException.class);
    }
}
