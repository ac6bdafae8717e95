package org.nodeprocessexporter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version, revision and branch baked into the jar at build time (build.properties). */
public record BuildInfo(String version, String revision, String branch, String buildDate) {
    public static final BuildInfo CURRENT = load();
    /** Runtime.version() formats itself through a stream on every toString(), and this is used every scrape. */
    private static final String JAVA_VERSION = Runtime.version().toString();

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/nodeprocessexporter/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a missing resource only affects the labels of build_info
        }
        return new BuildInfo(value(p, "version"), value(p, "revision"), value(p, "branch"), value(p, "date"));
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "");
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }

    public String javaVersion() {
        return JAVA_VERSION;
    }

    /** The one-line form node_exporter logs and prints for --version. */
    public String describe() {
        return "(version=" + version + ", branch=" + branch + ", revision=" + revision + ")";
    }
}
