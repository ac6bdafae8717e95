package org.nodeprocessexporter.rootfs;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.nodeprocessexporter.procfs.Fields;

/**
 * os-release(5): {@code KEY=value} lines, values optionally in double or single quotes, with
 * backslash escapes inside double quotes and outside quotes; comments and blank lines ignored.
 */
public final class OsRelease {
    private OsRelease() {
    }

    public static Map<String, String> parse(String text) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String raw : Fields.lines(text)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException("malformed os-release line: " + raw);
            }
            out.put(line.substring(0, eq).strip(), value(line.substring(eq + 1).strip(), raw));
        }
        return out;
    }

    private static String value(String v, String raw) throws IOException {
        StringBuilder sb = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    sb.append(c);
                }
            } else if (c == '\\' && i + 1 < v.length()) {
                sb.append(v.charAt(++i));
            } else if (c == '"') {
                quote = quote == '"' ? 0 : '"';
            } else if (c == '\'' && quote == 0) {
                quote = '\'';
            } else if (c == '#' && quote == 0 && (i == 0 || Character.isWhitespace(v.charAt(i - 1)))) {
                break;
            } else {
                sb.append(c);
            }
        }
        if (quote != 0) {
            throw new IOException("unterminated quote in os-release line: " + raw);
        }
        return sb.toString().strip();
    }
}
