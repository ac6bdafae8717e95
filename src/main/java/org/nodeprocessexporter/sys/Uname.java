package org.nodeprocessexporter.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;

/**
 * The uname(2) system call. On Linux {@code struct utsname} is six NUL-terminated fields of 65
 * bytes each: sysname, nodename, release, version, machine, domainname.
 */
public record Uname(String sysname, String nodename, String release, String version, String machine,
                    String domainname) {
    private static final int FIELD = 65;

    public static Uname call() throws IOException {
        try (Memory buf = new Memory(FIELD * 6L)) {
            buf.clear();
            if (LibC.uname(buf) != 0) {
                throw new IOException("uname failed: errno " + Native.getLastError());
            }
            return new Uname(field(buf, 0), field(buf, 1), field(buf, 2), field(buf, 3), field(buf, 4),
                    field(buf, 5));
        }
    }

    private static String field(Memory buf, int index) {
        return buf.getString((long) index * FIELD, "UTF-8");
    }
}
