package org.nodeprocessexporter.collector;

import java.nio.file.Path;

/**
 * The collector's source does not exist on this host (no bonding, no zfs, ...): not an error.
 * Without a stack trace: several collectors throw it every scrape on every host without their
 * hardware, and only the message is ever logged.
 */
public final class NoDataException extends Exception {
    public NoDataException(String message) {
        super(message, null, false, false);
    }

    /**
     * Throws when {@code source} (a file or directory) does not exist. Checked through
     * {@link java.io.File}, which answers with a stat: on JDK 17 {@code Files.exists} and a failed
     * open both create and unwind a {@code NoSuchFileException} with its stack trace, every scrape
     * on every host that lacks the source.
     */
    public static void unlessExists(Path source) throws NoDataException {
        if (!source.toFile().exists()) {
            throw new NoDataException("no " + source);
        }
    }

    /** As {@link #unlessExists(Path)}, with the collector's own message. */
    public static void unlessExists(Path source, String message) throws NoDataException {
        if (!source.toFile().exists()) {
            throw new NoDataException(message);
        }
    }
}
