package org.nodeprocessexporter.web.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * tls_server_config with names already translated to JSSE spellings. File paths are absolute;
 * inline PEM ({@code cert}, {@code key}, {@code client_ca}) is kept as text. Absent strings are
 * null, absent lists empty, except {@code clientAllowedSans}, which is null when not configured.
 *
 * @param protocols    JSSE protocol names from min_version to max_version
 * @param cipherSuites JSSE cipher suite names for TLS 1.2 and below; empty = JDK defaults
 * @param namedGroups  JSSE named groups in preference order; empty = JDK defaults
 * @param lines        YAML key to its 1-based line, so later checks (unreadable file, key
 *                     mismatch) can point at the setting
 */
public record TlsServerConfig(
        String cert,
        String key,
        String clientCa,
        Path certFile,
        Path keyFile,
        Path clientCaFile,
        ClientAuth clientAuth,
        List<String> clientAllowedSans,
        List<String> protocols,
        List<String> cipherSuites,
        List<String> namedGroups,
        boolean preferServerCipherSuites,
        Map<String, Integer> lines) {

    int lineOf(String key) {
        return lines.getOrDefault(key, lines.getOrDefault("tls_server_config", 0));
    }

    /** Files whose change must reload the TLS material. */
    List<Path> watchedFiles() {
        return java.util.stream.Stream.of(certFile, keyFile, clientCaFile)
                .filter(java.util.Objects::nonNull).toList();
    }
}
