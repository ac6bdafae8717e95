package org.nodeprocessexporter.web.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed web configuration file (exporter-toolkit format), before any certificate is read.
 *
 * @param file           the file it came from; relative paths inside were resolved against its directory
 * @param tls            present when the file configures TLS (any of cert, key, CA or client_auth_type)
 * @param http           http_server_config
 * @param basicAuthUsers user name to bcrypt hash; empty means no authentication
 * @param basicAuthLines user name to the 1-based line of its entry, for error messages
 * @param rateLimit      rate_limit, present when its interval is not zero
 */
public record WebConfig(
        Path file,
        Optional<TlsServerConfig> tls,
        HttpServerConfig http,
        Map<String, String> basicAuthUsers,
        Map<String, Integer> basicAuthLines,
        Optional<RateLimit> rateLimit) {

    /**
     * @param http2   accepted for compatibility; our server speaks HTTP/1.1 only
     * @param headers security headers to send on every response, already validated
     */
    public record HttpServerConfig(boolean http2, Map<String, String> headers) {
    }

    /** Token bucket: one request per {@code interval}, bursts of {@code burst}. */
    public record RateLimit(java.time.Duration interval, int burst) {
    }
}
