package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Persistent connections as Prometheus uses them, and the ways a client ends one. */
class KeepAliveTest {
    private final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(this::echoPath);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void echoPath(HttpExchange exchange) throws IOException {
        peers.add(exchange.getRemoteAddress());
        byte[] body = exchange.getRequestURI().toString().getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void twoRequestsOnOneConnectionGetTwoResponses() throws Exception {
        try (RawClient c = server.connect()) {
            RawClient.Response first = c.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n").read();
            RawClient.Response second = c.send("GET /two?x=y HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(first.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(first.text()).isEqualTo("/one");
            assertThat(first.header("connection")).isNull();
            assertThat(second.text()).isEqualTo("/two?x=y");
            assertThat(peers).hasSize(2).containsOnly(peers.get(0));
            assertThat(peers.get(0).getPort()).isEqualTo(c.socket.getLocalPort());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawClient c = server.connect()) {
            c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(c.read().text()).isEqualTo("/a");
            assertThat(c.read().text()).isEqualTo("/b");
            RawClient.Response last = c.read();
            assertThat(last.text()).isEqualTo("/c");
            assertThat(last.header("connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void http10IsClosedAfterTheResponseUnlessItAsksForKeepAlive() throws Exception {
        try (RawClient c = server.connect()) {
            assertThat(c.send("GET /old HTTP/1.0\r\n\r\n").read().text()).isEqualTo("/old");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawClient c = server.connect()) {
            RawClient.Response r = c.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(r.header("connection")).isEqualTo("keep-alive");
            assertThat(c.send("GET /again HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().text()).isEqualTo("/again");
        }
    }

    @Test
    void connectionCloseFromTheClientIsHonoured() throws Exception {
        try (RawClient c = server.connect()) {
            RawClient.Response r = c.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aHandlerAskingToCloseClosesTheConnection() throws Exception {
        try (TestServer closing = new TestServer(exchange -> {
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }); RawClient c = closing.connect()) {
            assertThat(c.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(204);
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
