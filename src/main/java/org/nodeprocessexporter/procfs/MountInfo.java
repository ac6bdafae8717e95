package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/<pid>/mountinfo} (proc(5)): one mount per line,
 * {@code id parent major:minor root mountpoint options [optional...] - fstype source superoptions}.
 *
 * @param major        device major number
 * @param minor        device minor number
 * @param mountPoint   mount point, with the kernel's {@code \040} and {@code \011} escapes decoded
 * @param options      per-mount options (field 6), comma separated
 * @param fsType       file system type
 * @param source       mount source ("device"), as written
 * @param superOptions per-superblock options (the last field), comma separated
 */
public record MountInfo(int major, int minor, String mountPoint, String options, String fsType, String source,
                        String superOptions) {

    /**
     * The mounts of init's mount namespace ({@code 1/mountinfo}), or of our own when that one is
     * hidden (hidepid) or missing.
     */
    public static List<MountInfo> readHost(Path procRoot) throws IOException {
        String text;
        try {
            text = readLossy(procRoot.resolve("1/mountinfo"));
        } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
            text = readLossy(procRoot.resolve("self/mountinfo"));
        }
        return parse(text);
    }

    /** Mount points are bytes, not necessarily UTF-8; a bad byte must not fail the whole file. */
    private static String readLossy(Path file) throws IOException {
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static List<MountInfo> parse(String text) throws IOException {
        List<MountInfo> mounts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                mounts.add(parseLine(text.substring(start, end)));
            }
            start = end + 1;
        }
        return mounts;
    }

    private static MountInfo parseLine(String line) throws IOException {
        String[] f = Fields.split(line);
        int dash = -1;
        for (int i = 6; i < f.length; i++) {
            if (f[i].equals("-")) {
                dash = i;
                break;
            }
        }
        if (f.length < 10 || dash < 0 || f.length < dash + 3) {
            throw new IOException("malformed mountinfo line: " + line);
        }
        int colon = f[2].indexOf(':');
        if (colon < 0) {
            throw new IOException("malformed mount point major:minor: " + f[2]);
        }
        try {
            int major = Integer.parseInt(f[2].substring(0, colon));
            int minor = Integer.parseInt(f[2].substring(colon + 1));
            String mountPoint = f[4].replace("\\040", " ").replace("\\011", "\t");
            return new MountInfo(major, minor, mountPoint, f[5], f[dash + 1], f[dash + 2],
                    dash + 3 < f.length ? f[dash + 3] : "");
        } catch (NumberFormatException e) {
            throw new IOException("malformed mount point major:minor: " + f[2], e);
        }
    }

    /** Whether {@code ro} is one of the per-mount or per-superblock options. */
    public boolean readOnly() {
        return hasOption(options, "ro") || hasOption(superOptions, "ro");
    }

    private static boolean hasOption(String list, String option) {
        for (String o : list.split(",")) {
            if (o.equals(option)) {
                return true;
            }
        }
        return false;
    }
}
