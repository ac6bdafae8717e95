package org.nodeprocessexporter.web.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not thread-safe: the caller serialises checks.
 *
 * <p>What the config file and the files it names looked like, to notice edits cheaply: a stat per
 * file per check, and a content hash only while a file's mtime is too recent to trust (an edit
 * within the same timestamp tick and of the same size would otherwise go unseen, as "racy git").
 */
final class FileStamps {
    private static final long RACY_NANOS = 2_000_000_000L;

    private record Stamp(Path path, long mtimeNanos, long size, Object fileKey, byte[] sha256, long takenNanos) {
    }

    private final List<Stamp> stamps;

    private FileStamps(List<Stamp> stamps) {
        this.stamps = stamps;
    }

    static FileStamps of(List<Path> files) {
        List<Stamp> out = new ArrayList<>();
        for (Path p : files) {
            out.add(stamp(p));
        }
        return new FileStamps(out);
    }

    /** These stamps plus fresh ones for {@code more}. */
    FileStamps with(List<Path> more) {
        List<Stamp> out = new ArrayList<>(stamps);
        for (Path p : more) {
            out.add(stamp(p));
        }
        return new FileStamps(out);
    }

    List<Path> files() {
        return stamps.stream().map(Stamp::path).toList();
    }

    /** True when any file differs from when these stamps were taken (or appeared, or vanished). */
    boolean changed() {
        for (int i = 0; i < stamps.size(); i++) {
            Stamp old = stamps.get(i);
            BasicFileAttributes a = attributes(old.path);
            long mtime = a == null ? -1 : a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            long size = a == null ? -1 : a.size();
            Object key = a == null ? null : a.fileKey();
            if (mtime != old.mtimeNanos || size != old.size || !java.util.Objects.equals(key, old.fileKey)) {
                return true;
            }
            boolean racy = old.takenNanos - mtime < RACY_NANOS;
            if (a != null && racy) {
                if (!Arrays.equals(sha256(old.path), old.sha256)) {
                    return true;
                }
                // Unchanged; once the mtime is old enough the stat alone is trusted again.
                stamps.set(i, new Stamp(old.path, mtime, size, key, old.sha256, System.currentTimeMillis() * 1_000_000L));
            }
        }
        return false;
    }

    private static Stamp stamp(Path p) {
        long taken = System.currentTimeMillis() * 1_000_000L;
        BasicFileAttributes a = attributes(p);
        if (a == null) {
            return new Stamp(p, -1, -1, null, null, taken);
        }
        return new Stamp(p, a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size(),
                a.fileKey(), sha256(p), taken);
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class); // follows symlinks, as in k8s secret mounts
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] sha256(Path p) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
