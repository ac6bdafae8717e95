package org.nodeprocessexporter.web.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The request target (RFC 9112 section 3.2) as the URI an HttpExchange reports: path and query.
 * Origin-form ({@code /metrics?x=y}) and absolute-form ({@code http://host/metrics}, which a
 * client must send to a proxy and any server must accept) give the same URI; {@code *} is only
 * for OPTIONS. Authority-form (CONNECT) is for proxies and refused.
 */
final class RequestTarget {
    private RequestTarget() {
    }

    static URI parse(String method, String target) throws BadRequestException {
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw new BadRequestException(400, "request target * is only for OPTIONS");
            }
            return URI.create("*");
        }
        String pathAndQuery;
        if (target.startsWith("/")) {
            if (target.startsWith("//")) {
                // java.net.URI would read the first segment as a host, and route by the rest
                throw new BadRequestException(400, "request target starts with //");
            }
            pathAndQuery = target;
        } else if (startsWithIgnoreCase(target, "http://") || startsWithIgnoreCase(target, "https://")) {
            int authority = target.indexOf("//") + 2;
            int path = authority;
            while (path < target.length() && target.charAt(path) != '/' && target.charAt(path) != '?') {
                path++;
            }
            pathAndQuery = path == target.length() ? "/" : target.charAt(path) == '?' ? "/" + target.substring(path)
                    : target.substring(path);
            if (pathAndQuery.startsWith("//")) {
                throw new BadRequestException(400, "request target path starts with //");
            }
        } else {
            throw new BadRequestException(400, "malformed request target");
        }
        try {
            return new URI(pathAndQuery);
        } catch (URISyntaxException e) {
            // Go takes characters java.net.URI refuses (a | or a space encoded badly by some
            // client); escaped, the handler's URL decoding still gives them back
            try {
                return new URI(escape(pathAndQuery));
            } catch (URISyntaxException stillBad) {
                throw new BadRequestException(400, "malformed request target");
            }
        }
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (safe(c) || (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2)))) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean safe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
