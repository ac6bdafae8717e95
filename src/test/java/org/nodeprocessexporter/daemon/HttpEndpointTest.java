package org.nodeprocessexporter.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpEndpointTest {
    private static final byte[] BODY = "<call/>".getBytes(StandardCharsets.UTF_8);

    /** Reads one request (head and Content-Length body) from {@code in}. */
    private static String request(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** A TCP server on loopback that answers one request with {@code response}: the request it got. */
    private static final class OneShot implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        final CompletableFuture<String> seen = new CompletableFuture<>();

        OneShot(String response) throws IOException {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    seen.complete(request(s.getInputStream()));
                    OutputStream out = s.getOutputStream();
                    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    seen.completeExceptionally(e);
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + path;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static byte[] post(String url) throws IOException {
        return HttpEndpoint.of(url).post(BODY, "text/xml", Duration.ofSeconds(5));
    }

    @Test
    void aRequestAsGosClientSendsItAndALengthDelimitedAnswer() throws Exception {
        try (OneShot s = new OneShot("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: Medusa/1.12\r\n\r\nhelloIGNORED")) {
            assertThat(post(s.url("/RPC2?x=1"))).asString().isEqualTo("hello");
            String request = s.seen.get();
            assertThat(request).startsWith("POST /RPC2?x=1 HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + s.server.getLocalPort() + "\r\n")
                    .contains("\r\nContent-Type: text/xml\r\n").contains("\r\nContent-Length: 7\r\n")
                    .contains("\r\nConnection: close\r\n").doesNotContain("Authorization").endsWith("\r\n\r\n<call/>");
        }
    }

    @Test
    void userAndPasswordInTheUrlAreBasicAuthentication() throws Exception {
        try (OneShot s = new OneShot("HTTP/1.0 200 OK\r\n\r\nto the close")) {
            assertThat(post("http://us%3Aer:p%40ss@127.0.0.1:" + s.server.getLocalPort() + "/RPC2"))
                    .asString().isEqualTo("to the close");
            // "us:er" : "p@ss", as Go's url package decodes them
            assertThat(s.seen.get()).contains("\r\nAuthorization: Basic dXM6ZXI6cEBzcw==\r\n");
        }
        try (OneShot s = new OneShot("HTTP/1.0 200 OK\r\n\r\n")) {
            post("http://admin@127.0.0.1:" + s.server.getLocalPort() + "/");
            assertThat(s.seen.get()).contains("\r\nAuthorization: Basic YWRtaW46\r\n"); // "admin:"
        }
    }

    @Test
    void aChunkedAnswer() throws Exception {
        try (OneShot s = new OneShot("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\n<met\r\nA;ext=1\r\nhodRespons\r\n1\r\ne\r\n0\r\n\r\n")) {
            assertThat(post(s.url("/RPC2"))).asString().isEqualTo("<methodResponse");
        }
    }

    @Test
    void anErrorStatusOrACutAnswerIsAnException() throws Exception {
        try (OneShot s = new OneShot("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")) {
            assertThatThrownBy(() -> post(s.url("/RPC2"))).hasMessage("HTTP status 401 Unauthorized");
        }
        try (OneShot s = new OneShot("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")) {
            assertThatThrownBy(() -> post(s.url("/RPC2"))).hasMessage("HTTP response body cut short");
        }
        try (OneShot s = new OneShot("SSH-2.0-OpenSSH_9.2\r\n")) {
            assertThatThrownBy(() -> post(s.url("/RPC2"))).hasMessageStartingWith("malformed HTTP response");
        }
        try (OneShot s = new OneShot("HTTP/1.1 200 OK\r\nContent-Length: " + (HttpEndpoint.MAX_BODY + 1) + "\r\n\r\n"
                + "x".repeat(HttpEndpoint.MAX_BODY + 1))) {
            assertThatThrownBy(() -> post(s.url("/RPC2"))).hasMessageContaining("body over");
        }
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // accepted by the kernel's backlog, never read
            HttpEndpoint e = HttpEndpoint.of("http://127.0.0.1:" + silent.getLocalPort() + "/RPC2");
            assertThatThrownBy(() -> e.post(BODY, "text/xml", Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("POST http://127.0.0.1:" + silent.getLocalPort() + "/RPC2: i/o timeout");
        }
    }

    @Test
    void aUnixSocketGetsUpstreamsRequestLineAndHost(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("supervisor.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel c = server.accept()) {
                    String request = request(Channels.newInputStream(c));
                    Channels.newOutputStream(c).write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(StandardCharsets.US_ASCII));
                    return request;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(post("unix://" + path)).asString().isEqualTo("ok");
            assertThat(seen.get()).startsWith("POST /RPC2 HTTP/1.1\r\nHost: unix\r\n");
        }
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Path quiet = dir.resolve("quiet.sock");
            silent.bind(UnixDomainSocketAddress.of(quiet));
            assertThatThrownBy(() -> HttpEndpoint.of("unix://" + quiet).post(BODY, "text/xml", Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
        assertThatThrownBy(() -> post("unix://" + dir.resolve("none.sock"))).isInstanceOf(IOException.class);
    }

    @Test
    void urlsWeCannotPostToAreRefused() {
        assertThatThrownBy(() -> HttpEndpoint.of("ftp://localhost/RPC2")).hasMessageContaining("unsupported scheme \"ftp\"");
        assertThatThrownBy(() -> HttpEndpoint.of("localhost:9001/RPC2")).hasMessageContaining("unsupported scheme");
        assertThatThrownBy(() -> HttpEndpoint.of("unix://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpEndpoint.of("http:///RPC2")).hasMessageContaining("no host");
        assertThatThrownBy(() -> HttpEndpoint.of("http://a b/")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HttpEndpoint.of("unix:///run/supervisor.sock")).hasToString("unix:/run/supervisor.sock");
        assertThat(HttpEndpoint.of("http://[::1]:9001/RPC2")).hasToString("http://[::1]:9001/RPC2");
        assertThat(HttpEndpoint.of("https://supervisor.example.org")).hasToString("https://supervisor.example.org/");
    }
}
