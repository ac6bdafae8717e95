package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the client sees when a handler or filter fails or forgets part of its job. */
class HandlerFailureTest {
    @Test
    void aHandlerThatThrowsBeforeSendingGets500AndTheConnectionCloses() throws Exception {
        try (TestServer s = new TestServer(exchange -> {
            throw new IllegalStateException("bug");
        }); RawClient c = s.connect()) {
            RawClient.Response r = c.send("GET / HTTP/1.1\r\n\r\n").read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
            assertThat(r.body()).isEmpty();
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aHandlerThatThrowsAfterSendingHasItsConnectionClosed() throws Exception {
        try (TestServer s = new TestServer(exchange -> {
            exchange.sendResponseHeaders(200, 10);
            exchange.getResponseBody().write("part".getBytes());
            throw new IOException("disk gone");
        }); RawClient c = s.connect()) {
            assertThatThrownBy(() -> c.send("GET / HTTP/1.1\r\n\r\n").read()).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aFilterThatThrowsGets500() throws Exception {
        try (TestServer s = new TestServer(exchange -> exchange.sendResponseHeaders(200, -1))) {
            s.server.createContext("/filtered", exchange -> exchange.sendResponseHeaders(200, -1)).getFilters()
                    .add(Filter.beforeHandler("fails", exchange -> {
                        throw new IllegalArgumentException("filter bug");
                    }));
            try (RawClient c = s.connect()) {
                assertThat(c.send("GET /filtered HTTP/1.1\r\n\r\n").read().status()).isEqualTo(500);
            }
        }
    }

    @Test
    void aHandlerThatNeverClosesStillHasItsResponseCompleted() throws Exception {
        try (TestServer s = new TestServer(HandlerFailureTest::sendsAndLeavesOpen); RawClient c = s.connect()) {
            RawClient.Response r = c.send("GET / HTTP/1.1\r\n\r\n").read();
            assertThat(r.text()).isEqualTo("chunk");
            assertThat(r.chunks()).endsWith(0);
            assertThat(c.send("GET / HTTP/1.1\r\n\r\n").read().text()).isEqualTo("chunk");
        }
    }

    private static void sendsAndLeavesOpen(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write("chunk".getBytes());
    }

    @Test
    void aHandlerThatSendsNothingGets500AndTheConnectionCloses() throws Exception {
        try (TestServer s = new TestServer(exchange -> { }); RawClient c = s.connect()) {
            assertThat(c.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(500);
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
