package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * A request line and its header fields (RFC 9112 sections 3 and 5), parsed from the bytes of one
 * request head. Pure: bytes in, a record or a {@link BadRequestException} out; the head is
 * ISO-8859-1, as HTTP/1.1 defines it.
 *
 * <p>Stricter than the JDK server where laxness lets a proxy and this server read one request
 * differently: whitespace before a colon, folded lines (obs-fold) and control characters in a
 * value are refused with 400, as Go refuses them.
 */
public record RequestHead(String method, String target, URI uri, int major, int minor, Headers headers) {
    /** The JDK server's limit: far above the dozen fields a scraper or browser sends. */
    static final int MAX_HEADER_FIELDS = 200;

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    /**
     * Parses {@code bytes[0, length)}: the request line, then header lines up to the empty line
     * (or the end). Lines end in CRLF or a bare LF.
     */
    public static RequestHead parse(byte[] bytes, int length) throws BadRequestException {
        int end = lineEnd(bytes, 0, length);
        RequestHead line = requestLine(bytes, contentEnd(bytes, 0, end));
        int fields = 0;
        for (int start = end + 1; start < length; start = end + 1) {
            end = lineEnd(bytes, start, length);
            int content = contentEnd(bytes, start, end);
            if (content == start) {
                break; // the empty line that ends the head
            }
            if (++fields > MAX_HEADER_FIELDS) {
                throw new BadRequestException(431, "more than " + MAX_HEADER_FIELDS + " header fields");
            }
            field(bytes, start, content, line.headers);
        }
        return line;
    }

    /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it. */
    public boolean keepAlive() {
        return minor >= 1 ? !connectionHas("close") : connectionHas("keep-alive");
    }

    /** Whether a {@code Connection} field lists {@code option}, compared without case. */
    public boolean connectionHas(String option) {
        List<String> values = headers.get("Connection");
        if (values == null) {
            return false;
        }
        for (String v : values) {
            for (int start = 0; start <= v.length(); ) {
                int stop = v.indexOf(',', start);
                stop = stop < 0 ? v.length() : stop;
                int from = start;
                int to = stop;
                while (from < to && v.charAt(from) <= ' ') {
                    from++;
                }
                while (to > from && v.charAt(to - 1) <= ' ') {
                    to--;
                }
                if (to - from == option.length() && v.regionMatches(true, from, option, 0, to - from)) {
                    return true;
                }
                start = stop + 1;
            }
        }
        return false;
    }

    public String protocol() {
        return "HTTP/" + major + "." + minor;
    }

    private static RequestHead requestLine(byte[] b, int end) throws BadRequestException {
        int sp1 = indexOf(b, 0, end, ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(b, sp1 + 1, end, ' ');
        if (sp1 <= 0 || sp2 <= sp1 + 1) {
            throw new BadRequestException(400, "malformed request line");
        }
        for (int i = 0; i < sp1; i++) {
            if (!tchar(b[i])) {
                throw new BadRequestException(400, "malformed method");
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if ((b[i] & 0xff) <= ' ' || b[i] == 0x7f) {
                throw new BadRequestException(400, "malformed request target");
            }
        }
        int v = sp2 + 1;
        if (end - v != 8 || !ascii(b, v, "HTTP/") || !digit(b[v + 5]) || b[v + 6] != '.' || !digit(b[v + 7])) {
            throw new BadRequestException(400, "malformed HTTP version");
        }
        int major = b[v + 5] - '0';
        if (major != 1) {
            throw new BadRequestException(505, "HTTP version " + major + " not supported");
        }
        String method = text(b, 0, sp1);
        String target = text(b, sp1 + 1, sp2);
        URI uri = RequestTarget.parse(method, target);
        return new RequestHead(method, target, uri, major, b[v + 7] - '0', new Headers());
    }

    private static void field(byte[] b, int start, int end, Headers headers) throws BadRequestException {
        int colon = indexOf(b, start, end, ':');
        if (colon <= start) {
            throw new BadRequestException(400, colon < 0 ? "header line without a colon" : "empty header name");
        }
        for (int i = start; i < colon; i++) {
            if (!tchar(b[i])) { // also whitespace before the colon, and a folded line's leading blank
                throw new BadRequestException(400, "malformed header name");
            }
        }
        int from = colon + 1;
        int to = end;
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (((b[i] & 0xff) < ' ' && b[i] != '\t') || b[i] == 0x7f) {
                throw new BadRequestException(400, "control character in a header value");
            }
        }
        headers.add(text(b, start, colon), text(b, from, to));
    }

    /** The index of the LF ending the line that starts at {@code start}, or {@code length}. */
    private static int lineEnd(byte[] b, int start, int length) {
        int lf = indexOf(b, start, length, '\n');
        return lf < 0 ? length : lf;
    }

    /** The end of a line's content: before a CR that precedes its LF. */
    private static int contentEnd(byte[] b, int start, int end) {
        return end > start && b[end - 1] == '\r' ? end - 1 : end;
    }

    private static int indexOf(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean tchar(byte c) {
        return c >= 0 && TCHAR[c];
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean ascii(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
