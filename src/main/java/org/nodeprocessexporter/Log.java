package org.nodeprocessexporter;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The exporter's log, written to stderr as node_exporter writes it: logfmt or JSON, one line per
 * event, with key/value pairs after the message. Kept tiny on purpose: an agent on every host has
 * no use for a logging framework, and the format must match what operators already parse.
 */
public final class Log {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    public enum Format { LOGFMT, JSON }

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static volatile Level threshold = Level.INFO;
    private static volatile Format format = Format.LOGFMT;
    private static volatile PrintStream out = System.err;

    private Log() {
    }

    public static void configure(Level level, Format fmt) {
        threshold = level;
        format = fmt;
    }

    /** For tests: where log lines go. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public static boolean enabled(Level level) {
        return level.ordinal() >= threshold.ordinal();
    }

    public static void debug(String msg, Object... kv) {
        log(Level.DEBUG, msg, kv);
    }

    public static void info(String msg, Object... kv) {
        log(Level.INFO, msg, kv);
    }

    public static void warn(String msg, Object... kv) {
        log(Level.WARN, msg, kv);
    }

    public static void error(String msg, Object... kv) {
        log(Level.ERROR, msg, kv);
    }

    public static void log(Level level, String msg, Object... kv) {
        if (!enabled(level)) {
            return;
        }
        StringBuilder line = new StringBuilder(96);
        String ts = TS.format(Instant.now());
        String lvl = level.name().toLowerCase(Locale.ROOT);
        if (format == Format.JSON) {
            line.append("{\"ts\":");
            json(line, ts).append(",\"level\":");
            json(line, lvl);
            if (msg != null) {
                line.append(",\"msg\":");
                json(line, msg);
            }
            for (int i = 0; i + 1 < kv.length; i += 2) {
                line.append(',');
                json(line, String.valueOf(kv[i])).append(':');
                json(line, String.valueOf(kv[i + 1]));
            }
            line.append('}');
        } else {
            line.append("ts=").append(ts).append(" level=").append(lvl);
            if (msg != null) {
                line.append(" msg=");
                logfmt(line, msg);
            }
            for (int i = 0; i + 1 < kv.length; i += 2) {
                line.append(' ').append(kv[i]).append('=');
                logfmt(line, String.valueOf(kv[i + 1]));
            }
        }
        out.println(line);
    }

    private static StringBuilder logfmt(StringBuilder sb, String v) {
        boolean quote = v.isEmpty();
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c <= ' ' || c == '=' || c == '"' || c == '\\';
        }
        return quote ? json(sb, v) : sb.append(v);
    }

    private static StringBuilder json(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
