package org.nodeprocessexporter.web.config;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Rate limit, security headers and basic auth of the configuration in force, on every request. */
final class WebSecurityFilter extends Filter {
    private final WebSecurity security;

    WebSecurityFilter(WebSecurity security) {
        this.security = security;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        security.checkForChanges();
        LoadedWebConfig c = security.loaded();
        if (c.rateLimiter() != null && !c.rateLimiter().tryAcquire()) {
            reply(exchange, 429, "Too Many Requests");
            return;
        }
        SecurityHeaders.apply(c.config().http().headers(), exchange.getResponseHeaders());
        if (c.config().basicAuthUsers().isEmpty()) {
            chain.doFilter(exchange);
            return;
        }
        BasicAuthenticator.Outcome outcome;
        try {
            outcome = security.authenticator().check(c.config().basicAuthUsers(), c.dummyHash(),
                    exchange.getRequestHeaders().getFirst("Authorization"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = BasicAuthenticator.Outcome.BUSY;
        }
        switch (outcome) {
            case ALLOWED -> chain.doFilter(exchange);
            case BUSY -> {
                exchange.getResponseHeaders().set("Retry-After", "1");
                reply(exchange, 503, "Service Unavailable");
            }
            default -> {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic");
                reply(exchange, 401, "Unauthorized");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public String description() {
        return "web config: rate limit, security headers, basic auth";
    }
}
