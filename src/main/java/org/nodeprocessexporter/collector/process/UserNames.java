package org.nodeprocessexporter.collector.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * uid to user name through the host's passwd file under {@code --path.rootfs}, so a containerised
 * exporter names the host's users. The file is read again only when its modification time
 * changes; a uid it does not list is shown as its number, as process-exporter does.
 */
final class UserNames {
    private final Path passwd;
    private Map<Long, String> byUid = Map.of();
    private FileTime loadedMtime;
    private final Map<Long, String> numeric = new HashMap<>();

    UserNames(Path passwd) {
        this.passwd = passwd;
    }

    /** Re-reads the file if it changed; call once per scrape. */
    void refresh() {
        FileTime mtime;
        try {
            mtime = Files.getLastModifiedTime(passwd);
        } catch (IOException e) {
            byUid = Map.of();
            loadedMtime = null;
            return;
        }
        if (mtime.equals(loadedMtime)) {
            return;
        }
        try {
            byUid = parse(Files.readString(passwd, StandardCharsets.UTF_8));
            loadedMtime = mtime;
        } catch (IOException e) {
            byUid = Map.of();
        }
    }

    static Map<Long, String> parse(String text) {
        Map<Long, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", -1);
            if (fields.length < 3) {
                continue;
            }
            try {
                out.putIfAbsent(Long.parseLong(fields[2]), fields[0]);
            } catch (NumberFormatException e) {
                // a malformed line names nobody; the rest of the file still counts
            }
        }
        return out;
    }

    String name(long uid) {
        String name = byUid.get(uid);
        return name != null ? name : numeric.computeIfAbsent(uid, u -> Long.toString(u));
    }
}
