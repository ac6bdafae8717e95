package org.nodeprocessexporter.sys.netlink;

/**
 * Bytes to a string the way Go's {@code utf8.DecodeRune} loop does it (mdlayher/wifi's SSIDs):
 * each byte that does not start a valid UTF-8 sequence becomes one U+FFFD and decoding goes on at
 * the next byte. Java's decoder replaces a malformed sequence as a whole, which can give fewer.
 */
final class GoUtf8 {
    private GoUtf8() {
    }

    static String decode(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            int n;
            int cp;
            int min;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            } else if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
                cp = c & 0x1f;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                cp = c & 0x0f;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                sb.append('\ufffd');
                i++;
                continue;
            }
            boolean ok = i + n < end; // the continuation bytes are there
            if (ok) {
                for (int k = 1; k <= n; k++) {
                    int cc = b[i + k] & 0xff;
                    if ((cc & 0xc0) != 0x80) {
                        ok = false;
                        break;
                    }
                    cp = (cp << 6) | (cc & 0x3f);
                }
            }
            if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                sb.append('\ufffd');
                i++;
                continue;
            }
            sb.appendCodePoint(cp);
            i += n + 1;
        }
        return sb.toString();
    }
}
