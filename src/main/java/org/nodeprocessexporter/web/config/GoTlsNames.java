package org.nodeprocessexporter.web.config;

import java.util.List;
import java.util.Map;

/**
 * Go's crypto/tls spellings used by exporter-toolkit, translated to JSSE names.
 * Cipher suites: the names Go's {@code tls.CipherSuites()} returns (the ones the toolkit
 * accepts); Go and JSSE both use the IANA names, so the mapping is the identity on this list.
 */
final class GoTlsNames {
    private GoTlsNames() {
    }

    static final Map<String, String> VERSIONS = Map.of(
            "TLS10", "TLSv1",
            "TLS11", "TLSv1.1",
            "TLS12", "TLSv1.2",
            "TLS13", "TLSv1.3");

    /** Protocol names in ascending order, to expand a min..max range. */
    static final List<String> PROTOCOL_ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    static final Map<String, String> CURVES = Map.of(
            "CurveP256", "secp256r1",
            "CurveP384", "secp384r1",
            "CurveP521", "secp521r1",
            "X25519", "x25519");

    static final List<String> CIPHER_SUITES = List.of(
            "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    /** TLS 1.3 suites: Go does not let cipher_suites restrict them, so they stay enabled. */
    static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
}
