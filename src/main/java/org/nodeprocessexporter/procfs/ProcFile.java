package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole /proc file. Not {@link Files#readString}: /proc files report size 0, so the JDK
 * reads them one byte first, and the sysctl files under /proc/sys return EOF to any read that
 * does not start at offset 0 — {@code /proc/sys/fs/file-nr} would read as its first digit.
 * Reading in 8 KiB blocks gets each of them whole in the first read.
 */
public final class ProcFile {
    private ProcFile() {
    }

    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            int len = 0;
            int n;
            while ((n = in.read(buf, len, buf.length - len)) > 0) {
                len += n;
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
            }
            return new String(buf, 0, len, StandardCharsets.UTF_8);
        }
    }
}
