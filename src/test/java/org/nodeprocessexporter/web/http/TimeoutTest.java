package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The idle timeout between requests and the deadline for a request head, with short values. */
class TimeoutTest {
    private static TestServer server(Duration idle, Duration header) throws Exception {
        return new TestServer(exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }, idle, header);
    }

    @Test
    void aQuietKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (TestServer s = server(Duration.ofMillis(300), Duration.ofSeconds(30)); RawClient c = s.connect()) {
            assertThat(c.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(3));
        }
    }

    /** The idle timeout is for connections between requests; a new one gets the header deadline. */
    @Test
    void aConnectionThatNeverSendsARequestIsClosedAfterTheHeaderTimeout() throws Exception {
        try (TestServer s = server(Duration.ofSeconds(30), Duration.ofMillis(500)); RawClient c = s.connect()) {
            long start = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
        }
    }

    @Test
    void theFirstRequestMayComeAnyTimeWithinTheHeaderTimeout() throws Exception {
        try (TestServer s = server(Duration.ofMillis(200), Duration.ofSeconds(30)); RawClient c = s.connect()) {
            Thread.sleep(600); // three idle timeouts: not the one that applies yet
            assertThat(c.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void halfAHeadIsClosedAfterTheHeaderTimeout() throws Exception {
        try (TestServer s = server(Duration.ofSeconds(30), Duration.ofMillis(500)); RawClient c = s.connect()) {
            long start = System.nanoTime();
            c.send("GET / HTTP/1.1\r\nHost: exa");
            assertThat(c.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
        }
    }

    /** Each byte comes well within the header timeout; the head as a whole does not. */
    @Test
    void aTricklingClientIsClosedAtTheHeadDeadline() throws Exception {
        try (TestServer s = server(Duration.ofSeconds(30), Duration.ofMillis(600)); RawClient c = s.connect()) {
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        c.send("X");
                        Thread.sleep(50);
                    }
                } catch (java.io.IOException | InterruptedException e) {
                    // closed by the server, or the test is over
                }
            });
            long start = System.nanoTime();
            trickle.start();
            try {
                assertThat(c.closedByServer()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(Duration.ofMillis(500), Duration.ofMillis(2500));
            } finally {
                trickle.interrupt();
                trickle.join();
            }
        }
    }
}
