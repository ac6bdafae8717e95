package org.nodeprocessexporter.daemon;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where an HTTP POST goes, from a URL as node_exporter takes it: {@code http://} and
 * {@code https://} (user and password in the URL become basic authentication, as Go's HTTP client
 * makes them), or {@code unix:///path/to/socket}, to which the request is sent as upstream sends
 * it ({@code POST /RPC2}, {@code Host: unix}). Each post is one connection ({@code Connection:
 * close}) whose every step (connect, TLS handshake, write, each read) is bounded by one deadline.
 * The answer must be 2xx; its body (length-delimited, chunked or up to the close) is limited to
 * {@value #MAX_BODY} bytes.
 */
public final class HttpEndpoint {
    static final int MAX_BODY = 16 << 20;
    private static final int MAX_HEAD = 64 << 10;

    private final String scheme;
    private final String host;
    private final int port;
    private final String socketPath;
    private final String target;
    private final String hostHeader;
    private final String authorization;

    private HttpEndpoint(String scheme, String host, int port, String socketPath, String target, String hostHeader,
                         String authorization) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.socketPath = socketPath;
        this.target = target;
        this.hostHeader = hostHeader;
        this.authorization = authorization;
    }

    /** Throws IllegalArgumentException, with the reason, for a URL we cannot post to. */
    public static HttpEndpoint of(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                if (u.getPath() == null || u.getPath().isEmpty()) {
                    throw new IllegalArgumentException("no socket path in " + url);
                }
                return new HttpEndpoint(scheme, null, 0, u.getPath(), "/RPC2", "unix", null);
            }
            case "http", "https" -> {
                if (u.getHost() == null) {
                    throw new IllegalArgumentException("no host in " + url);
                }
                int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
                String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                String target = u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
                String hostHeader = u.getPort() >= 0 ? u.getHost() + ":" + u.getPort() : u.getHost();
                String auth = null;
                if (u.getUserInfo() != null) {
                    // as Go's client: user and password, the password empty when the URL has none
                    String credentials = u.getUserInfo().indexOf(':') >= 0 ? u.getUserInfo() : u.getUserInfo() + ":";
                    auth = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
                }
                String literal = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1)
                        : u.getHost();
                return new HttpEndpoint(scheme, literal, port, null, target, hostHeader, auth);
            }
            default -> throw new IllegalArgumentException("unsupported scheme \"" + scheme + "\" in " + url
                    + " (http, https or unix)");
        }
    }

    /** POSTs {@code body} and returns the 2xx answer's body; any failure, the deadline included, is an IOException. */
    public byte[] post(byte[] body, String contentType, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Wire wire = socketPath != null ? UnixWire.connect(socketPath, deadline) : TcpWire.connect(this, deadline)) {
            StringBuilder head = new StringBuilder(256).append("POST ").append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader).append("\r\n")
                    .append("User-Agent: node-process-exporter\r\n")
                    .append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            wire.write(request);
            return new HttpResponse(wire).read();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("POST " + this + ": i/o timeout");
        }
    }

    @Override
    public String toString() {
        return socketPath != null ? "unix:" + socketPath : scheme + "://" + hostHeader + target;
    }

    /** A connection whose reads and writes all end by one deadline. */
    interface Wire extends Closeable {
        /** Reads at least one byte, or returns -1 at the end of the stream. */
        int read(byte[] b, int off, int len) throws IOException;

        void write(byte[] b) throws IOException;
    }

    static long remainingMillis(long deadline) throws SocketTimeoutException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    private static final class TcpWire implements Wire {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        private TcpWire(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        static TcpWire connect(HttpEndpoint e, long deadline) throws IOException {
            Socket tcp = new Socket();
            try {
                tcp.connect(new InetSocketAddress(e.host, e.port), (int) Math.min(Integer.MAX_VALUE, remainingMillis(deadline)));
                tcp.setTcpNoDelay(true);
                Socket s = tcp;
                if (e.scheme.equals("https")) {
                    SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                            .createSocket(tcp, e.host, e.port, true);
                    SSLParameters p = tls.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(p);
                    tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis(deadline)));
                    tls.startHandshake();
                    s = tls;
                }
                return new TcpWire(s, deadline);
            } catch (IOException | RuntimeException ex) {
                tcp.close();
                throw ex;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis(deadline)));
            return in.read(b, off, len);
        }

        @Override
        public void write(byte[] b) throws IOException {
            socket.getOutputStream().write(b); // a few hundred bytes: the socket buffer takes them at once
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A Unix domain socket, non-blocking, waited on with a selector: such channels have no read timeout. */
    private static final class UnixWire implements Wire {
        private final SocketChannel channel;
        private final Selector selector;
        private final SelectionKey key;
        private final long deadline;

        private UnixWire(SocketChannel channel, Selector selector, long deadline) throws IOException {
            this.channel = channel;
            this.selector = selector;
            this.deadline = deadline;
            this.key = channel.register(selector, 0);
        }

        static UnixWire connect(String path, long deadline) throws IOException {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            Selector sel = null;
            try {
                ch.configureBlocking(false);
                sel = Selector.open();
                UnixWire w = new UnixWire(ch, sel, deadline);
                if (!ch.connect(UnixDomainSocketAddress.of(path))) {
                    while (!ch.finishConnect()) {
                        w.await(SelectionKey.OP_CONNECT);
                    }
                }
                return w;
            } catch (IOException | RuntimeException e) {
                ch.close();
                if (sel != null) {
                    sel.close();
                }
                throw e;
            }
        }

        private void await(int op) throws IOException {
            key.interestOps(op);
            selector.select(remainingMillis(deadline));
            selector.selectedKeys().clear();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (true) {
                int n = channel.read(buf);
                if (n != 0) {
                    return n;
                }
                await(SelectionKey.OP_READ);
            }
        }

        @Override
        public void write(byte[] b) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                if (channel.write(buf) == 0) {
                    await(SelectionKey.OP_WRITE);
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                selector.close();
            }
        }
    }

    /** Reads one response from a wire: status line, header fields, body. */
    private static final class HttpResponse {
        private final Wire wire;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int limit;
        private int headBytes;

        HttpResponse(Wire wire) {
            this.wire = wire;
        }

        byte[] read() throws IOException {
            String status = line();
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("malformed HTTP response: " + status);
            }
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("malformed HTTP status line: " + status);
            }
            long length = -1;
            boolean chunked = false;
            for (String field = line(); !field.isEmpty(); field = line()) {
                int colon = field.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed HTTP header field: " + field);
                }
                String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = field.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("malformed Content-Length: " + value);
                    }
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                }
            }
            if (code / 100 != 2) {
                throw new IOException("HTTP status " + status.substring(parts[0].length()).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                while (true) {
                    headBytes = 0; // each chunk-size line is bounded like a head
                    String size = line();
                    int ext = size.indexOf(';');
                    long n;
                    try {
                        n = Long.parseLong((ext >= 0 ? size.substring(0, ext) : size).trim(), 16);
                    } catch (NumberFormatException e) {
                        throw new IOException("malformed chunk size: " + size);
                    }
                    if (n == 0) {
                        break;
                    }
                    copy(body, n);
                    line(); // the CRLF after the chunk
                }
            } else if (length >= 0) {
                copy(body, length);
            } else {
                copy(body, Long.MAX_VALUE);
            }
            return body.toByteArray();
        }

        /** Copies {@code n} bytes (to the end of the stream when MAX_VALUE), at most MAX_BODY in all. */
        private void copy(ByteArrayOutputStream body, long n) throws IOException {
            while (n > 0) {
                if (pos == limit && !fill()) {
                    if (n == Long.MAX_VALUE) {
                        return;
                    }
                    throw new IOException("HTTP response body cut short");
                }
                int take = (int) Math.min(n, limit - pos);
                if (body.size() + take > MAX_BODY) {
                    throw new IOException("HTTP response body over " + MAX_BODY + " bytes");
                }
                body.write(buf, pos, take);
                pos += take;
                if (n != Long.MAX_VALUE) {
                    n -= take;
                }
            }
        }

        private boolean fill() throws IOException {
            int n = wire.read(buf, 0, buf.length);
            if (n < 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        /** One CRLF- (or LF-) terminated line of the head, without its terminator. */
        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            while (true) {
                if (pos == limit && !fill()) {
                    throw new IOException("HTTP response cut short");
                }
                byte c = buf[pos++];
                if (++headBytes > MAX_HEAD) {
                    throw new IOException("HTTP response head over " + MAX_HEAD + " bytes");
                }
                if (c == '\n') {
                    int end = s.length();
                    if (end > 0 && s.charAt(end - 1) == '\r') {
                        s.setLength(end - 1);
                    }
                    return s.toString();
                }
                s.append((char) (c & 0xff));
            }
        }
    }
}
