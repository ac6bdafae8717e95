package org.nodeprocessexporter.web.config;

import java.lang.reflect.Method;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Everything one version of tls_server_config puts into force: the key pair, the client
 * certificate policy and the handshake parameters. Immutable; a reload installs a new one.
 *
 * @param alias      names this key pair towards JSSE; unique per load so a handshake that
 *                   straddles a reload never pairs one version's chain with another's key
 * @param caVerifier PKIX verifier over the client CAs; null when none are configured
 */
record TlsMaterial(
        String alias,
        X509Certificate[] chain,
        PrivateKey key,
        ClientAuth clientAuth,
        X509ExtendedTrustManager caVerifier,
        X509Certificate[] clientCas,
        List<String> clientAllowedSans,
        TlsServerConfig config) {

    /** SSLParameters.setNamedGroups exists from Java 20 on; on older JDKs only the system property can. */
    static final Method SET_NAMED_GROUPS = findSetNamedGroups();

    SSLParameters sslParameters() {
        SSLParameters p = new SSLParameters();
        p.setProtocols(config.protocols().toArray(String[]::new));
        if (!config.cipherSuites().isEmpty()) {
            // Go's cipher_suites only restricts TLS 1.2 and below; TLS 1.3 suites stay on.
            List<String> suites = new ArrayList<>(config.cipherSuites());
            if (config.protocols().contains("TLSv1.3")) {
                GoTlsNames.TLS13_SUITES.stream().filter(s -> !suites.contains(s)).forEach(suites::add);
            }
            p.setCipherSuites(suites.toArray(String[]::new));
        }
        p.setUseCipherSuitesOrder(config.preferServerCipherSuites());
        if (clientAuth.required()) {
            p.setNeedClientAuth(true);
        } else if (clientAuth.requested()) {
            p.setWantClientAuth(true);
        }
        if (!config.namedGroups().isEmpty() && SET_NAMED_GROUPS != null) {
            try {
                SET_NAMED_GROUPS.invoke(p, (Object) config.namedGroups().toArray(String[]::new));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("SSLParameters.setNamedGroups failed", e);
            }
        }
        return p;
    }

    private static Method findSetNamedGroups() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
