package org.nodeprocessexporter.web.config;

import java.nio.file.Path;

/**
 * A web configuration file that cannot be used. The message is one line, fit for a start-up
 * error or a reload warning: {@code web config /etc/web.yml:7: unknown key "foo" in tls_server_config}.
 */
public final class WebConfigException extends Exception {
    private final Path file;
    private final int line;

    /** @param line 1-based line in {@code file}, or 0 when the problem has no single line */
    public WebConfigException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    public WebConfigException(Path file, int line, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line of the offending setting, or 0 when unknown. */
    public int line() {
        return line;
    }

    private static String format(Path file, int line, String problem) {
        String where = line > 0 ? file + ":" + line : String.valueOf(file);
        // Messages built from YAML or JDK exceptions can span lines; a start-up error must not.
        return "web config " + where + ": " + problem.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
