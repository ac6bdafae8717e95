package org.nodeprocessexporter.web.config;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One version of the web config with everything checked and read: certificates and key loaded,
 * hashes validated, the dummy hash for unknown users made. A reload builds a new one fully
 * before it replaces the old, so a broken edit never takes effect.
 *
 * @param tls         null without TLS
 * @param dummyHash   null without users
 * @param rateLimiter null without rate_limit
 */
record LoadedWebConfig(WebConfig config, TlsMaterial tls, String dummyHash, RateLimiter rateLimiter,
        FileStamps stamps) {

    static LoadedWebConfig load(Path file, long generation, Consumer<String> warn) throws WebConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        // Stamps first: an edit racing with this load then shows up as a change at the next check.
        FileStamps stamps = FileStamps.of(List.of(absolute));
        WebConfig config = WebConfigParser.parse(absolute);
        TlsMaterial tls = null;
        if (config.tls().isPresent()) {
            TlsServerConfig t = config.tls().get();
            stamps = stamps.with(t.watchedFiles());
            tls = TlsMaterialLoader.load(absolute, t, "web-config-" + generation, warn);
        }
        String dummy = null;
        if (!config.basicAuthUsers().isEmpty()) {
            int cost = config.basicAuthUsers().values().stream().mapToInt(BcryptHashes::cost).max().orElse(10);
            dummy = BasicAuthenticator.dummyHash(cost);
        }
        RateLimiter limiter = config.rateLimit()
                .map(r -> new RateLimiter(r.interval(), r.burst())).orElse(null);
        return new LoadedWebConfig(config, tls, dummy, limiter, stamps);
    }
}
