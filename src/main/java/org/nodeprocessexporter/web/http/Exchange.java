package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLSession;
import org.nodeprocessexporter.Log;

/**
 * One request and its response, with the JDK server's {@code HttpExchange} semantics. An
 * HttpsExchange on every connection, since one class serves both; {@link #getSSLSession()} is
 * null on plain HTTP.
 */
final class Exchange extends HttpsExchange {
    /**
     * Request body bytes the handler left unread that are read and dropped so the connection can
     * carry the next request; more, and closing is cheaper than reading them.
     */
    static final int MAX_DRAIN = 64 * 1024;

    private final Connection connection;
    private final HttpContext context;
    private final RequestHead request;
    private final RequestBody requestBody;
    private final Headers responseHeaders = new Headers();
    private final OutputStream responseBody = new PendingBody();
    private final Map<String, Object> attributes = new HashMap<>();
    private InputStream filteredIn;
    private OutputStream filteredOut;
    private OutputStream framed; // the body stream chosen by sendResponseHeaders
    private int responseCode = -1;
    private boolean closed;
    private HttpPrincipal principal;

    /**
     * @param context         null for a request no context matches
     * @param expectsContinue the client waits for a 100 Continue before sending the body
     */
    Exchange(Connection connection, HttpContext context, RequestHead request, InputStream body,
             boolean expectsContinue) {
        this.connection = connection;
        this.context = context;
        this.request = request;
        this.requestBody = new RequestBody(body, expectsContinue ? this::sendContinue : null);
    }

    /** Go's rule: 100 Continue only if the handler reads the body before it has answered. */
    private void sendContinue() throws IOException {
        if (responseCode < 0) {
            connection.writeContinue();
        }
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode >= 0) {
            throw new IOException("headers already sent");
        }
        OutputStream out = connection.output();
        responseHeaders.set("Date", ResponseHead.date(Instant.now()));
        boolean noBodyAllowed = (code >= 100 && code < 200) || code == 204;
        if (noBodyAllowed) {
            responseHeaders.remove("Content-length");
            responseHeaders.remove("Transfer-encoding");
        }
        if (request.method().equals("HEAD") || code == 304 || noBodyAllowed) {
            // a HEAD or 304 handler sets Content-length itself if it wants to; there is no body
            framed = new FixedLengthOutputStream(out, 0, connection::closeAfterResponse);
        } else if (length == 0 && request.minor() >= 1) {
            responseHeaders.set("Transfer-encoding", "chunked");
            framed = new ChunkedOutputStream(out);
        } else if (length == 0) {
            connection.closeAfterResponse();
            framed = FixedLengthOutputStream.untilClose(out);
        } else {
            long fixed = Math.max(length, 0);
            responseHeaders.set("Content-length", Long.toString(fixed));
            framed = new FixedLengthOutputStream(out, fixed, connection::closeAfterResponse);
        }
        if (asksToClose(responseHeaders)) {
            connection.closeAfterResponse(); // the handler's wish, as Go honours it
        }
        if (connection.closingAfterResponse()) {
            responseHeaders.set("Connection", "close");
        } else if (request.minor() == 0) {
            responseHeaders.set("Connection", "keep-alive");
        }
        responseCode = code;
        // not flushed: the body or close() flushes, so a short response leaves in one segment
        ResponseHead.write(out, code, responseHeaders);
    }

    private static boolean asksToClose(Headers headers) {
        String value = headers.getFirst("Connection");
        return value != null && value.trim().equalsIgnoreCase("close");
    }

    /**
     * Ends the exchange: sends 500 if the handler sent nothing, finishes the response body (the
     * last chunk), then drops an unread request body so the next request can be read.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (responseCode < 0) {
                connection.closeAfterResponse();
                sendResponseHeaders(500, -1);
            }
            try {
                getResponseBody().close(); // a filter's wrapper first: a gzip stream writes its trailer
            } finally {
                if (framed != null) {
                    framed.close();
                }
            }
            if (!requestBody.drain(MAX_DRAIN)) {
                connection.closeAfterResponse();
            }
        } catch (IOException e) {
            connection.closeAfterResponse();
            Log.debug("HTTP response not completed", "path", request.uri().getRawPath(), "err", e.toString());
        }
    }

    boolean responseStarted() {
        return responseCode >= 0;
    }

    void principal(HttpPrincipal p) {
        this.principal = p;
    }

    @Override
    public Headers getRequestHeaders() {
        return request.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return request.uri();
    }

    @Override
    public String getRequestMethod() {
        return request.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public InputStream getRequestBody() {
        return filteredIn != null ? filteredIn : requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return filteredOut != null ? filteredOut : responseBody;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return connection.localAddress();
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public String getProtocol() {
        return request.protocol();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            filteredIn = in;
        }
        if (out != null) {
            filteredOut = out;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public SSLSession getSSLSession() {
        return connection.sslSession();
    }

    /** The stream handlers get before the headers are sent, which then writes through the framing. */
    private final class PendingBody extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            started().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            started().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (framed != null) {
                framed.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (framed != null) {
                framed.close();
            }
        }

        private OutputStream started() throws IOException {
            if (framed == null) {
                throw new IOException("response headers not sent yet");
            }
            return framed;
        }
    }
}
