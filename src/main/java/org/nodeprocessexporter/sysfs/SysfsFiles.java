package org.nodeprocessexporter.sysfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading sysfs attribute files: one value per file, some of them optional. */
public final class SysfsFiles {
    private SysfsFiles() {
    }

    /** The trimmed content, or null when the file is missing or the driver refuses to give it. */
    public static String optional(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** A decimal integer attribute, or null when missing, refused or not a number. */
    public static Long optionalLong(Path file) {
        String v = optional(file);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Entries of {@code dir} whose name matches the glob, sorted by name; empty when dir is missing. */
    public static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(out::add);
        } catch (NoSuchFileException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
