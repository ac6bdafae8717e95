package org.nodeprocessexporter.procfs;

/**
 * A position in a byte range with the few number and token scanners the {@code /proc} parsers
 * need. Scanners never throw: on bad input they set {@link #bad} and return -1, so a parser runs
 * to its end and checks one flag. Short-lived; the JIT scalar-replaces it in the parsers.
 */
final class AsciiCursor {
    final byte[] b;
    int end;
    int pos;
    boolean bad;

    AsciiCursor(byte[] b, int pos, int end) {
        this.b = b;
        this.pos = pos;
        this.end = Math.min(end, b.length);
    }

    /** Points this cursor at {@code [from, to)} of the same bytes, so one cursor serves every line. */
    AsciiCursor reset(int from, int to) {
        this.pos = from;
        this.end = Math.min(to, b.length);
        this.bad = false;
        return this;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** Unsigned decimal, at least one digit, no overflow past {@link Long#MAX_VALUE}. */
    long u64() {
        int p = pos;
        long v = 0;
        while (p < end) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (v > (Long.MAX_VALUE - d) / 10) {
                return fail();
            }
            v = v * 10 + d;
            p++;
        }
        if (p == pos) {
            return fail();
        }
        pos = p;
        return v;
    }

    /** Optionally negative decimal. */
    long s64() {
        if (pos < end && b[pos] == '-') {
            pos++;
            long v = u64();
            return bad ? -1 : -v;
        }
        return u64();
    }

    /** Exactly {@code digits} hex digits (either case) as an unsigned value (digits <= 16). */
    long hex(int digits) {
        if (end - pos < digits) {
            return fail();
        }
        long v = 0;
        for (int i = 0; i < digits; i++) {
            int d = hexDigit(b[pos + i]);
            if (d < 0) {
                return fail();
            }
            v = (v << 4) | d;
        }
        pos += digits;
        return v;
    }

    /** One or more hex digits (at most 16). */
    long hexVar() {
        int p = pos;
        long v = 0;
        while (p < end && p - pos < 17) {
            int d = hexDigit(b[p]);
            if (d < 0) {
                break;
            }
            v = (v << 4) | d;
            p++;
        }
        if (p == pos || p - pos > 16) {
            return fail();
        }
        pos = p;
        return v;
    }

    static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** Requires the byte {@code c} at the current position and steps over it. */
    void expect(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
        } else {
            bad = true;
        }
    }

    /** Skips spaces and tabs; requires at least one. */
    void blanks() {
        int p = pos;
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p == pos) {
            bad = true;
        }
        pos = p;
    }

    /** Skips spaces and tabs, if any. */
    void optBlanks() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
    }

    /** Skips a run of non-blank, non-newline bytes; requires at least one. */
    void token() {
        int p = pos;
        while (p < end && b[p] != ' ' && b[p] != '\t' && b[p] != '\n') {
            p++;
        }
        if (p == pos) {
            bad = true;
        }
        pos = p;
    }

    /** True if the current position starts with {@code word}; steps over it then. */
    boolean match(byte[] word) {
        if (end - pos < word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[pos + i] != word[i]) {
                return false;
            }
        }
        pos += word.length;
        return true;
    }

    /** Index of the next newline at or after pos, or -1 if the rest has none. */
    /**
     * Points {@code line} at the next newline-terminated line and moves past it; false at the end.
     * A last line without its newline was cut short (a truncated file) and is not returned.
     */
    boolean nextLine(AsciiCursor line) {
        int eol = lineEnd();
        if (eol < 0) {
            return false;
        }
        line.reset(pos, eol);
        pos = eol + 1;
        return true;
    }

    int lineEnd() {
        for (int p = pos; p < end; p++) {
            if (b[p] == '\n') {
                return p;
            }
        }
        return -1;
    }

    /** Where {@code word} first stands in {@code b[from, to)}, or -1. */
    static int indexOf(byte[] b, int from, int to, byte[] word) {
        outer:
        for (int i = from; i <= to - word.length; i++) {
            for (int k = 0; k < word.length; k++) {
                if (b[i + k] != word[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private long fail() {
        bad = true;
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
