package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.Headers;
import java.io.InputStream;
import java.util.List;

/**
 * Where a request's body ends (RFC 9112 section 6): chunked, Content-Length, or no body; and
 * whether the client waits for a 100 Continue before sending it.
 */
final class BodyFraming {
    private BodyFraming() {
    }

    /**
     * The decoded body over the connection's input; null when the request has none.
     *
     * @throws BadRequestException 501 for a transfer coding other than chunked, 400 for a bad or
     *                             ambiguous length
     */
    static InputStream body(Headers headers, InputStream in) throws BadRequestException {
        List<String> codings = headers.get("Transfer-encoding");
        List<String> lengths = headers.get("Content-length");
        if (codings != null) {
            if (lengths != null) { // RFC 9112 section 6.1 allows refusing what request smuggling relies on
                throw new BadRequestException(400, "both Transfer-Encoding and Content-Length");
            }
            if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
                throw new BadRequestException(501, "unsupported transfer coding " + codings);
            }
            return new ChunkedInputStream(in);
        }
        if (lengths == null) {
            return null;
        }
        long length = -1;
        for (String value : lengths) { // repeated fields must agree, as Go requires
            long parsed = contentLength(value.trim());
            if (length >= 0 && parsed != length) {
                throw new BadRequestException(400, "conflicting Content-Length " + lengths);
            }
            length = parsed;
        }
        return length == 0 ? null : new FixedLengthInputStream(in, length);
    }

    /** 1 to 18 digits: nothing else, and nothing that overflows a long. */
    private static long contentLength(String v) throws BadRequestException {
        if (v.isEmpty() || v.length() > 18) {
            throw new BadRequestException(400, "bad Content-Length " + v);
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadRequestException(400, "bad Content-Length " + v);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * Whether to send 100 Continue before reading the body.
     *
     * @throws BadRequestException 417 for an expectation other than 100-continue
     */
    static boolean expectsContinue(RequestHead request) throws BadRequestException {
        String expect = request.headers().getFirst("Expect");
        if (expect == null) {
            return false;
        }
        if (!expect.trim().equalsIgnoreCase("100-continue")) {
            throw new BadRequestException(417, "unsupported expectation " + expect);
        }
        return request.minor() >= 1; // an HTTP/1.0 client cannot read a 100 response
    }
}
