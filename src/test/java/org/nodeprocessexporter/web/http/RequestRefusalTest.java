package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests refused before any handler runs: answered with their status, then the connection closes. */
class RequestRefusalTest {
    private final AtomicInteger handled = new AtomicInteger();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(exchange -> {
            handled.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void assertRefused(String request, int status) throws Exception {
        try (RawClient c = server.connect()) {
            RawClient.Response r = c.send(request).read();
            assertThat(r.status()).as(request.length() > 80 ? request.substring(0, 80) : request).isEqualTo(status);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void malformedRequestLineIs400() throws Exception {
        assertRefused("GET /\r\n\r\n", 400);
        assertRefused("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400);
        assertRefused("NONSENSE\r\n\r\n", 400);
        assertThat(handled).hasValue(0);
    }

    @Test
    void tooLongRequestLineIs414() throws Exception {
        assertRefused("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n", 414);
    }

    @Test
    void tooManyHeaderBytesOrFieldsAre431() throws Exception {
        assertRefused("GET / HTTP/1.1\r\n" + ("Cookie: " + "c".repeat(990) + "\r\n").repeat(70) + "\r\n", 431);
        assertRefused("GET / HTTP/1.1\r\n" + "A: b\r\n".repeat(201) + "\r\n", 431);
    }

    @Test
    void anotherMajorVersionIs505() throws Exception {
        assertRefused("GET / HTTP/2.0\r\n\r\n", 505);
    }

    @Test
    void transferCodingsOtherThanChunkedAre501() throws Exception {
        assertRefused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501);
        assertRefused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc", 400);
        assertRefused("POST / HTTP/1.1\r\nContent-Length: 3x\r\n\r\nabc", 400);
        assertRefused("POST / HTTP/1.1\r\nExpect: something\r\n\r\n", 417);
        assertThat(handled).hasValue(0);
    }

    @Test
    void aBadChunkSizeMetByTheHandlerIs400() throws Exception {
        assertRefused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400);
        assertThat(handled).hasValue(1);
    }

    @Test
    void aPathNoContextServesIs404AndKeepsTheConnection() throws Exception {
        BlockingHttpServer s = BlockingHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/metrics", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        s.start();
        try (RawClient c = new RawClient(s.getAddress().getPort())) {
            assertThat(c.send("GET /other HTTP/1.1\r\n\r\n").read().status()).isEqualTo(404);
            assertThat(c.send("GET /metrics HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(c.send("OPTIONS * HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
        } finally {
            s.stop(0);
        }
    }
}
