package org.nodeprocessexporter.procfs;

import java.nio.file.Path;

/** Directories under a caller-given proc root; resolve a pid's directory once and reuse it for its files. */
public final class ProcPaths {
    private ProcPaths() {
    }

    /** {@code procRoot/<pid>}, the directory the readers' {@code read(ProcFile, Path dir)} take. */
    public static Path pidDir(Path procRoot, int pid) {
        return procRoot.resolve(Integer.toString(pid));
    }

    /** {@code procRoot/<pid>/task/<tid>}, for per-thread stat and status. */
    public static Path taskDir(Path procRoot, int pid, int tid) {
        return procRoot.resolve(Integer.toString(pid)).resolve("task").resolve(Integer.toString(tid));
    }

    /** {@code pidDir/fd}. */
    public static Path fdDir(Path pidDir) {
        return pidDir.resolve("fd");
    }

    /**
     * A directory entry of /proc, {@code task/} or {@code fd/} as a number (pid, tid, descriptor);
     * -1 for anything else ({@code self}, {@code net}, ...).
     */
    public static int parseNumber(String name) {
        int n = name.length();
        if (n == 0 || n > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@code pidDir/net/<name>} with name one of tcp, tcp6, udp, udp6. */
    public static Path netFile(Path pidDir, String name) {
        return pidDir.resolve("net").resolve(name);
    }
}
