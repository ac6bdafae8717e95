package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request bodies reach the handler decoded; unread ones do not break the next request. */
class RequestBodyTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(RequestBodyTest::echoBodyOnPost);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** POST /echo: the body back; anything else: "ignored" without reading the body. */
    private static void echoBodyOnPost(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestURI().getPath().equals("/echo")
                ? exchange.getRequestBody().readAllBytes() : "ignored".getBytes();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void aChunkedBodyIsDecodedForTheHandler() throws Exception {
        try (RawClient c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "6\r\nhello \r\n5;note=x\r\nworld\r\n0\r\nX-Trailer: 1\r\n\r\n");
            assertThat(c.read().text()).isEqualTo("hello world");
            assertThat(c.send("GET /x HTTP/1.1\r\n\r\n").read().text()).isEqualTo("ignored");
        }
    }

    @Test
    void aContentLengthBodyIsReadToItsLength() throws Exception {
        try (RawClient c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcdeGET /x HTTP/1.1\r\n\r\n");
            assertThat(c.read().text()).isEqualTo("abcde");
            assertThat(c.read().text()).isEqualTo("ignored");
        }
    }

    @Test
    void anUnreadBodyIsSkippedSoTheNextRequestIsRead() throws Exception {
        try (RawClient c = server.connect()) {
            c.send("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nGET / HT\r\n"); // a body that looks like a request
            c.send("POST /echo HTTP/1.1\r\nContent-Length: 2\r\n\r\nok");
            assertThat(c.read().text()).isEqualTo("ignored");
            assertThat(c.read().text()).isEqualTo("ok");
        }
    }

    @Test
    void aLargeUnreadBodyClosesTheConnectionInstead() throws Exception {
        try (RawClient c = server.connect()) {
            c.send("POST /x HTTP/1.1\r\nContent-Length: 1000000\r\n\r\n" + "z".repeat(Exchange.MAX_DRAIN + 10_000));
            assertThat(c.read().text()).isEqualTo("ignored");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void expectContinueGets100WhenTheHandlerReads() throws Exception {
        try (RawClient c = server.connect()) {
            c.send("POST /echo HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            RawClient.Response interim = c.read();
            assertThat(interim.statusLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(interim.headers()).isEmpty();
            c.send("body");
            assertThat(c.read().text()).isEqualTo("body");
        }
    }

    @Test
    void expectContinueWithoutAReadGetsTheAnswerAndTheConnectionCloses() throws Exception {
        try (RawClient c = server.connect()) {
            RawClient.Response r = c.send("POST /x HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("ignored");
            // the client may or may not send the body now: the server cannot tell, so it closes
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
