package org.nodeprocessexporter.web.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Reads the certificates and key a {@link TlsServerConfig} names and checks they fit together. */
final class TlsMaterialLoader {
    private TlsMaterialLoader() {
    }

    static TlsMaterial load(Path configFile, TlsServerConfig c, String alias, Consumer<String> warn)
            throws WebConfigException {
        List<X509Certificate> chain = parse(configFile, c, "cert", c.certFile(), c.cert(),
                PemReader::certificates);
        PrivateKey key = parse(configFile, c, "key", c.keyFile(), c.key(), PemReader::privateKey);
        if (!matches(key, chain.get(0))) {
            throw new WebConfigException(configFile, c.lineOf(c.keyFile() != null ? "key_file" : "key"),
                    "private key does not match the public key of the certificate");
        }
        X509ExtendedTrustManager verifier = null;
        List<X509Certificate> cas = List.of();
        if (c.clientCaFile() != null || c.clientCa() != null) {
            cas = parse(configFile, c, "client_ca", c.clientCaFile(), c.clientCa(), PemReader::certificates);
            verifier = pkixVerifier(configFile, cas);
        }
        checkJdkSupport(configFile, c, warn);
        return new TlsMaterial(alias, chain.toArray(X509Certificate[]::new), key, c.clientAuth(), verifier,
                cas.toArray(X509Certificate[]::new), c.clientAllowedSans(), c);
    }

    private interface PemParser<T> {
        T parse(String pem) throws GeneralSecurityException;
    }

    /** Reads {@code key}_file or the inline {@code key}; errors point at whichever was used. */
    private static <T> T parse(Path configFile, TlsServerConfig c, String key, Path file, String inline,
            PemParser<T> parser) throws WebConfigException {
        String setting = file != null ? key + "_file" : key;
        int line = c.lineOf(setting);
        String pem;
        if (file != null) {
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                throw new WebConfigException(configFile, line, setting + " " + file + ": file does not exist");
            } catch (IOException e) {
                throw new WebConfigException(configFile, line, setting + " " + file + ": cannot read: " + e, e);
            }
        } else {
            pem = inline;
        }
        try {
            return parser.parse(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            String where = file != null ? setting + " " + file : setting;
            throw new WebConfigException(configFile, line, where + ": " + e.getMessage(), e);
        }
    }

    /** Sign and verify: works for every key type and catches a key from another certificate. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "RSASSA-PSS" -> null;
            default -> null;
        };
        if (algorithm == null) {
            return key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm());
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509ExtendedTrustManager pkixVerifier(Path configFile, List<X509Certificate> cas)
            throws WebConfigException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("client-ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new GeneralSecurityException("no X509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new WebConfigException(configFile, 0, "cannot build the client CA trust store: " + e, e);
        }
    }

    /** Names Go accepts that this JDK cannot do are errors; those disabled by java.security, warnings. */
    private static void checkJdkSupport(Path configFile, TlsServerConfig c, Consumer<String> warn)
            throws WebConfigException {
        SSLContext jdk;
        try {
            jdk = SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new WebConfigException(configFile, 0, "no TLS in this JDK: " + e, e);
        }
        Set<String> supported = Set.of(jdk.getSupportedSSLParameters().getCipherSuites());
        for (String suite : c.cipherSuites()) {
            if (!supported.contains(suite)) {
                throw new WebConfigException(configFile, c.lineOf("cipher_suites"),
                        "cipher suite " + suite + " is not supported by this JDK");
            }
        }
        Set<String> enabled = Set.of(jdk.getDefaultSSLParameters().getProtocols());
        List<String> off = c.protocols().stream().filter(p -> !enabled.contains(p)).toList();
        if (!off.isEmpty()) {
            warn.accept("web config " + configFile + ": " + off + " disabled by the JDK (jdk.tls.disabledAlgorithms"
                    + " in java.security); the server offers only " + c.protocols().stream()
                    .filter(enabled::contains).toList());
        }
        if (!c.namedGroups().isEmpty() && TlsMaterial.SET_NAMED_GROUPS == null) {
            warn.accept("web config " + configFile + ": curve_preferences " + c.namedGroups() + " cannot be set per"
                    + " server before Java 20; start the JVM with -Djdk.tls.namedGroups="
                    + String.join(",", c.namedGroups()) + " to enforce it");
        }
    }
}
