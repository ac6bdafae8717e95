package org.nodeprocessexporter.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicAuthTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private WebSecurity web;
    private final HttpClient client = HttpClient.newHttpClient();

    private static String hash(BCrypt.Version version, String password) {
        return BCrypt.with(version).hashToString(5, password.toCharArray());
    }

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("web.yml");
        Files.writeString(file, """
                basic_auth_users:
                  a: '%s'
                  b: '%s'
                  y: '%s'
                http_server_config:
                  headers:
                    X-Frame-Options: deny
                    Strict-Transport-Security: max-age=31536000
                    Content-Security-Policy: ""
                """.formatted(hash(BCrypt.Version.VERSION_2A, "pa"), hash(BCrypt.Version.VERSION_2B, "pb"),
                hash(BCrypt.Version.VERSION_2Y, "py")));
        web = WebSecurity.load(file, w -> { });
        assertThat(web.tlsEnabled()).isFalse();
        server = TestServers.start(web);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rightPasswordsOfAllThreeHashPrefixesPass() throws Exception {
        assertThat(web.config().basicAuthUsers().values()).extracting(h -> h.substring(0, 4))
                .containsExactlyInAnyOrder("$2a$", "$2b$", "$2y$");
        for (var e : Map.of("a", "pa", "b", "pb", "y", "py").entrySet()) {
            HttpResponse<String> r = get(basic(e.getKey(), e.getValue()));
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok\n");
        }
    }

    @Test
    void missingMalformedAndWrongCredentialsGet401WithChallenge() throws Exception {
        for (String auth : new String[] {null, basic("a", "wrong"), basic("a", ""), basic("nobody", "pa"),
                "Basic !!!", "Bearer abc", "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())}) {
            HttpResponse<String> r = get(auth);
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic");
        }
    }

    @Test
    void securityHeadersAreSentOnEveryResponseBlankOnesAreNot() throws Exception {
        for (HttpResponse<String> r : java.util.List.of(get(null), get(basic("a", "pa")))) {
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("deny");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            assertThat(r.headers().firstValue("Content-Security-Policy")).isEmpty();
        }
    }

    @Test
    void unknownUserRunsBcryptAgainstTheDummyHashLikeAWrongPassword() throws Exception {
        BasicAuthenticator auth = web.authenticator();
        long runs = auth.bcryptRuns();
        get(basic("a", "wrong"));
        assertThat(auth.bcryptRuns()).isEqualTo(runs + 1);
        get(basic("nobody", "wrong"));
        assertThat(auth.bcryptRuns()).isEqualTo(runs + 2);
        assertThat(auth.dummyRuns()).isEqualTo(1);
        // the dummy hash has the users' cost, so both runs cost the same
        assertThat(BcryptHashes.cost(web.loaded().dummyHash())).isEqualTo(5);
    }

    @Test
    void successesAreCachedFailuresAreNot() throws Exception {
        BasicAuthenticator auth = web.authenticator();
        assertThat(get(basic("a", "pa")).statusCode()).isEqualTo(200);
        long runs = auth.bcryptRuns();
        assertThat(get(basic("a", "pa")).statusCode()).isEqualTo(200);
        assertThat(auth.bcryptRuns()).isEqualTo(runs);
        get(basic("a", "bad"));
        get(basic("a", "bad"));
        assertThat(auth.bcryptRuns()).isEqualTo(runs + 2);
    }

    @Test
    void bcryptWorkIsBoundedAndLateRequestsAreBusy() throws Exception {
        String slow = BCrypt.withDefaults().hashToString(12, "x".toCharArray());
        Map<String, String> users = Map.of("u", slow);
        BasicAuthenticator auth = new BasicAuthenticator(1, Duration.ofMillis(50));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        Map<BasicAuthenticator.Outcome, Integer> outcomes = new HashMap<>();
        try {
            java.util.List<Future<BasicAuthenticator.Outcome>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return auth.check(users, slow, basic("u", "wrong"));
                }));
            }
            go.countDown();
            for (Future<BasicAuthenticator.Outcome> f : results) {
                outcomes.merge(f.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes.get(BasicAuthenticator.Outcome.DENIED)).isGreaterThanOrEqualTo(1);
        assertThat(outcomes.get(BasicAuthenticator.Outcome.BUSY)).isGreaterThanOrEqualTo(1);
        assertThat(auth.bcryptRuns()).isLessThan(4);
    }

    @Test
    void rateLimitAnswers429() throws Exception {
        Path file = dir.resolve("rate.yml");
        Files.writeString(file, "rate_limit:\n  interval: 1h\n  burst: 2\n");
        WebSecurity limited = WebSecurity.load(file, w -> { });
        HttpServer s = TestServers.start(limited);
        try {
            URI uri = URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/");
            int[] codes = new int[3];
            for (int i = 0; i < 3; i++) {
                codes[i] = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            }
            assertThat(codes).containsExactly(200, 200, 429);
        } finally {
            s.stop(0);
        }
    }
}
