package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A sysctl's value as prometheus/procfs reads it for node_exporter's sysctl collector: the file
 * under {@code /proc/sys} named by the dotted name ({@code net.ipv4.tcp_rmem} is
 * {@code net/ipv4/tcp_rmem}), its first {@value ShortRead#MAX} bytes split on whitespace.
 */
public final class SysctlValue {
    private SysctlValue() {
    }

    public static String[] strings(Path procRoot, String name) throws IOException {
        return Fields.split(ShortRead.read(procRoot.resolve("sys").resolve(name.replace('.', '/'))));
    }

    /**
     * The fields as integers, each read as Go's {@code strconv.ParseInt(s, 0, 64)}: an optional sign,
     * then decimal, {@code 0x} hexadecimal, {@code 0o}/{@code 0} octal or {@code 0b} binary.
     */
    public static long[] integers(Path procRoot, String name) throws IOException {
        String[] fields = strings(procRoot, name);
        long[] out = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                out[i] = GoNumbers.parseInt(fields[i], 0, 64);
            } catch (NumberFormatException e) {
                throw new IOException("field " + i + " in sysctl " + name + " is not a valid int: " + fields[i], e);
            }
        }
        return out;
    }
}
