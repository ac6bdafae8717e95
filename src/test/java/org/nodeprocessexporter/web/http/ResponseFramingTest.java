package org.nodeprocessexporter.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** sendResponseHeaders' length argument on the wire: fixed, chunked, none; HEAD never has a body. */
class ResponseFramingTest {
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private static RawClient.Response get(TestServer server, String request, boolean head) throws IOException {
        try (RawClient c = server.connect()) {
            return c.send(request).read(head);
        }
    }

    @Test
    void aFixedLengthBody() throws Exception {
        try (TestServer s = new TestServer(exchange -> {
            exchange.sendResponseHeaders(200, 5);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("hel".getBytes());
                out.write("lo".getBytes());
            }
        })) {
            RawClient.Response r = get(s, "GET / HTTP/1.1\r\n\r\n", false);
            assertThat(r.header("content-length")).isEqualTo("5");
            assertThat(r.header("transfer-encoding")).isNull();
            assertThat(r.text()).isEqualTo("hello");
            assertThat(r.header("date")).matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
        }
    }

    @Test
    void lengthZeroIsChunked() throws Exception {
        byte[] big = new byte[40_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        try (TestServer s = new TestServer(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(big, 0, 10);
                out.flush(); // a chunk of its own
                out.write(big, 10, big.length - 10);
            }
        })) {
            RawClient.Response r = get(s, "GET / HTTP/1.1\r\n\r\n", false);
            assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(r.header("content-length")).isNull();
            assertThat(r.body()).isEqualTo(big);
            assertThat(r.chunks()).startsWith(10).endsWith(0).allMatch(n -> n <= ChunkedOutputStream.CHUNK);
        }
    }

    @Test
    void lengthMinusOneHasNoBodyAndKeepsTheConnection() throws Exception {
        try (TestServer s = new TestServer(exchange -> {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        }); RawClient c = s.connect()) {
            RawClient.Response r = c.send("GET / HTTP/1.1\r\n\r\n").read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 202 Accepted");
            assertThat(r.header("content-length")).isEqualTo("0");
            assertThat(r.body()).isEmpty();
            assertThat(c.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(202);
        }
    }

    @Test
    void headGetsTheHeadersButNeverABody() throws Exception {
        HttpHandler chunked = exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try {
                exchange.getResponseBody().write('x');
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
            exchange.close();
        };
        try (TestServer s = new TestServer(chunked); RawClient c = s.connect()) {
            RawClient.Response r = c.send("HEAD / HTTP/1.1\r\n\r\n").read(true);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-type")).isEqualTo("text/plain");
            assertThat(r.header("transfer-encoding")).isNull();
            // had a body byte been written, this would read it as the next status line
            RawClient.Response next = c.send("GET / HTTP/1.1\r\n\r\n").read();
            assertThat(next.text()).isEqualTo("x");
            assertThat(errors).containsExactly("too many bytes to write to stream");
        }
    }

    @Test
    void headersTwiceAndTooManyBytesFailInTheHandler() throws Exception {
        try (TestServer s = new TestServer(exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try {
                exchange.sendResponseHeaders(200, 2);
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
            try {
                exchange.getResponseBody().write(new byte[] {'a', 'b', 'c'});
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
            exchange.getResponseBody().write(new byte[] {'o', 'k'});
            exchange.close();
        })) {
            assertThat(get(s, "GET / HTTP/1.1\r\n\r\n", false).text()).isEqualTo("ok");
            assertThat(errors).containsExactly("headers already sent", "too many bytes to write to stream");
        }
    }

    @Test
    void aFixedLengthBodyClosedShortClosesTheConnection() throws Exception {
        try (TestServer s = new TestServer(exchange -> {
            exchange.sendResponseHeaders(200, 5);
            exchange.getResponseBody().write("abc".getBytes());
            try {
                exchange.getResponseBody().close();
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        }); RawClient c = s.connect()) {
            assertThatThrownBy(() -> c.send("GET / HTTP/1.1\r\n\r\n").read()).isInstanceOf(EOFException.class);
            assertThat(errors).containsExactly("insufficient bytes written to stream");
        }
    }

    @Test
    void http10GetsABodyEndedByClosingInsteadOfChunks() throws Exception {
        try (TestServer s = new TestServer(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("streamed".getBytes());
            exchange.close();
        }); RawClient c = s.connect()) {
            RawClient.Response r = c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(r.header("transfer-encoding")).isNull();
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(r.text()).isEqualTo("streamed");
        }
    }

    @Test
    void noContentAndNotModifiedHaveNoBodyFraming() throws Exception {
        List<Integer> codes = new ArrayList<>(List.of(204, 304));
        try (TestServer s = new TestServer(exchange -> {
            exchange.sendResponseHeaders(codes.remove(0), 0);
            exchange.close();
        }); RawClient c = s.connect()) {
            for (int code : new int[] {204, 304}) {
                RawClient.Response r = c.send("GET / HTTP/1.1\r\n\r\n").read();
                assertThat(r.status()).isEqualTo(code);
                assertThat(r.headers()).doesNotContainKeys("transfer-encoding", "content-length");
            }
        }
    }
}
