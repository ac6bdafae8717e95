package org.nodeprocessexporter.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A runit service directory ({@code /etc/service}): its services and the 20-byte record
 * {@code runsv} keeps in each one's {@code supervise/status}, decoded as go-runit (node_exporter's
 * library) decodes it: bytes 0-7 the TAI64 label of the last state change (big-endian, its
 * nanoseconds 8-11 unused), 12-15 the pid (little-endian), 17 what is wanted ({@code u} up,
 * {@code d} down), 19 the state (0 down, 1 run, 2 finish); the paused (16) and term (18) flags
 * are not read.
 */
public final class RunitServices {
    static final int RECORD = 20;
    /** TAI64's 2^62 plus the 10 s TAI was ahead of UTC in 1972, which runit assumes throughout. */
    static final long TAI_OFFSET = 4611686018427387914L;

    private RunitServices() {
    }

    /**
     * @param changedUnixSeconds the last state change, in Unix seconds
     * @param want               1 up, 0 down (also for anything but {@code u})
     * @param normallyUp         false when {@code supervise/down} exists: go-runit looks for the
     *                           {@code down} file there, not in the service directory where runit
     *                           keeps it, so a service made down by its {@code down} file still
     *                           reads as normally up, upstream and here
     */
    public record Status(String name, long pid, long changedUnixSeconds, int state, int want, boolean normallyUp) {
    }

    /** The service names: the directory's entries that are directories or symbolic links (to anything), sorted. */
    public static List<String> list(Path serviceDir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(serviceDir)) {
            for (Path entry : entries) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // gone since the listing
                }
                if (a.isDirectory() || a.isSymbolicLink()) {
                    names.add(entry.getFileName().toString());
                }
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * The service's status, from one read of at most 20 bytes of its record: as in go-runit, a
     * shorter record counts its missing bytes as zeros; an empty or missing one is an IOException.
     */
    public static Status read(Path serviceDir, String name) throws IOException {
        Path supervise = serviceDir.resolve(name).resolve("supervise");
        ByteBuffer record = ByteBuffer.allocate(RECORD);
        try (FileChannel ch = FileChannel.open(supervise.resolve("status"), StandardOpenOption.READ)) {
            if (ch.read(record) <= 0) {
                throw new IOException("EOF");
            }
        }
        File down = supervise.resolve("down").toFile();
        return decode(name, record.array(), !down.exists());
    }

    static Status decode(String name, byte[] r, boolean normallyUp) {
        long tai = ByteBuffer.wrap(r, 0, 8).getLong(0);
        long pid = (r[12] & 0xffL) | (r[13] & 0xffL) << 8 | (r[14] & 0xffL) << 16 | (r[15] & 0xffL) << 24;
        return new Status(name, pid, tai - TAI_OFFSET, r[19] & 0xff, r[17] == 'u' ? 1 : 0, normallyUp);
    }
}
