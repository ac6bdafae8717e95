package org.nodeprocessexporter.procfs;

/**
 * Go's {@code strconv.ParseUint} and {@code ParseInt}, for the readers that must accept exactly
 * what prometheus/procfs accepts: base 0 takes {@code 0x}, {@code 0o}, {@code 0b} and a leading
 * {@code 0} (octal) as prefixes and allows underscores between digits; an explicit base takes no
 * prefix, sign or underscore. The results are 64-bit; an unsigned one is returned in a
 * {@code long} (compare with {@link Long#compareUnsigned}).
 */
public final class GoNumbers {
    private GoNumbers() {
    }

    /** {@code strconv.ParseUint(s, base, bits)}; base 0 or 2..36, bits 1..64. */
    public static long parseUint(String s, int base, int bits) {
        if (s.isEmpty()) {
            throw new NumberFormatException("empty number");
        }
        boolean base0 = base == 0;
        String digits = s;
        if (base0) {
            base = 10;
            if (s.charAt(0) == '0') {
                char c = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
                if (c == 'b') {
                    base = 2;
                    digits = s.substring(2);
                } else if (c == 'o') {
                    base = 8;
                    digits = s.substring(2);
                } else if (c == 'x') {
                    base = 16;
                    digits = s.substring(2);
                } else {
                    base = 8;
                    digits = s.substring(1);
                }
            }
        }
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        long n = 0;
        boolean underscores = false;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int d;
            if (c == '_' && base0) {
                underscores = true;
                continue;
            } else if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (Character.toLowerCase(c) >= 'a' && Character.toLowerCase(c) <= 'z') {
                d = Character.toLowerCase(c) - 'a' + 10;
            } else {
                throw new NumberFormatException("invalid syntax: " + s);
            }
            if (d >= base) {
                throw new NumberFormatException("invalid syntax: " + s);
            }
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, base)) > 0) {
                throw new NumberFormatException("value out of range: " + s);
            }
            long next = n * base + d;
            if (Long.compareUnsigned(next, n * base) < 0 || Long.compareUnsigned(next, max) > 0) {
                throw new NumberFormatException("value out of range: " + s);
            }
            n = next;
        }
        if (underscores && !underscoreOk(s)) {
            throw new NumberFormatException("invalid syntax: " + s);
        }
        return n;
    }

    /** {@code strconv.ParseInt(s, base, bits)}: an optional sign, then as {@link #parseUint}. */
    public static long parseInt(String s, int base, int bits) {
        if (s.isEmpty()) {
            throw new NumberFormatException("empty number");
        }
        boolean negative = s.charAt(0) == '-';
        String magnitude = negative || s.charAt(0) == '+' ? s.substring(1) : s;
        long un = parseUint(magnitude, base, bits);
        long cutoff = 1L << (bits - 1); // as unsigned: 2^63 for 64 bits
        if (!negative && Long.compareUnsigned(un, cutoff) >= 0
                || negative && Long.compareUnsigned(un, cutoff) > 0) {
            throw new NumberFormatException("value out of range: " + s);
        }
        return negative ? -un : un;
    }

    /** Go's rule: an underscore only between digits, or between a base prefix and a digit. */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char c = Character.toLowerCase(s.charAt(1));
            if (c == 'b' || c == 'o' || c == 'x') {
                i = 2;
                saw = '0';
                hex = c == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }
}
