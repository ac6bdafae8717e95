package org.nodeprocessexporter.web.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys and certificates made with the openssl command line into a temporary directory, so no
 * secret is committed: a CA, server certificates for 127.0.0.1/localhost (RSA as PKCS#8 and
 * PKCS#1, EC as SEC1, and a second RSA one for rotation), a client certificate from the CA and
 * a self-signed client certificate.
 */
final class TestPki {
    final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    static TestPki create(Path dir) throws IOException, InterruptedException {
        TestPki pki = new TestPki(dir);
        pki.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=test-ca");
        pki.signed("server", "rsa:2048", "/CN=localhost",
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        pki.signed("server2", "rsa:2048", "/CN=localhost-rotated",
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        pki.openssl("rsa", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
        pki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "server-ec.key");
        pki.signWith("server-ec", "/CN=localhost-ec",
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        pki.signed("client", "rsa:2048", "/CN=client",
                "subjectAltName=DNS:client.example,URI:spiffe://example/client\nextendedKeyUsage=clientAuth\n");
        pki.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "selfsigned.key",
                "-out", "selfsigned.crt", "-days", "2", "-subj", "/CN=intruder",
                "-addext", "subjectAltName=DNS:client.example");
        return pki;
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    String read(String name) throws IOException {
        return Files.readString(path(name), StandardCharsets.US_ASCII);
    }

    private void signed(String name, String keySpec, String subject, String extensions)
            throws IOException, InterruptedException {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + keySpec.substring(4),
                "-out", name + ".key");
        signWith(name, subject, extensions);
    }

    private void signWith(String name, String subject, String extensions) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", subject);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
    }

    void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        run(dir, cmd);
    }

    static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
        return out;
    }
}
