package org.nodeprocessexporter.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used, with the file and line in a one-line message fit for
 * a start-up error: {@code process_detail config /etc/npe/names.yml:7: unknown key "nmae"}.
 */
public final class ConfigFileException extends Exception {
    public ConfigFileException(String kind, Path file, int line, String problem) {
        super(kind + " " + (line > 0 ? file + ":" + line : String.valueOf(file)) + ": "
                + problem.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim());
    }
}
