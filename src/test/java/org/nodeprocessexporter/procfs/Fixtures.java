package org.nodeprocessexporter.procfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures under src/test/resources/fixtures. */
final class Fixtures {
    private Fixtures() {
    }

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The captured proc tree, usable as a procRoot. */
    static Path procRoot() {
        return root().resolve("proc");
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
