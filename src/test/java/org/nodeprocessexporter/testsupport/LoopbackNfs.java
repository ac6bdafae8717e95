package org.nodeprocessexporter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A kernel NFS server on loopback (Debian's nfs-kernel-server: rpcbind, rpc.mountd, rpc.nfsd,
 * exportfs) and NFS mounts of its exports, made in this process's mount namespace so that
 * {@code /proc/self/mountstats} of the test JVM and of the exporters it starts shows them.
 * Everything it started or mounted is undone on close, in reverse order. Mounts are {@code soft}
 * with a short timeout: a server that dies makes I/O fail instead of hanging the test.
 */
public final class LoopbackNfs implements AutoCloseable {
    private static final List<String> TOOLS = List.of("exportfs", "rpc.nfsd", "rpc.mountd", "rpcbind", "mount.nfs");

    private final Path dir;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private int exports;

    private LoopbackNfs(Path dir) {
        this.dir = dir;
    }

    /**
     * Skips the calling test, naming what is missing, when this kernel has no NFS client or server
     * (not in {@code /proc/filesystems}, and {@code modprobe} cannot load them); fails it when the
     * kernel has them and the user-space tools are missing (scripts/test.sh installs them).
     */
    public static void requireSupport() throws Exception {
        assumeThat(run("id", "-u").trim()).as("NFS mounts need root").isEqualTo("0");
        List<String> missing = missingFilesystems();
        if (!missing.isEmpty() && Files.isDirectory(Path.of("/lib/modules")) && which("modprobe") != null) {
            exit(30, "modprobe", "-q", "nfs");
            exit(30, "modprobe", "-q", "nfsv4");
            exit(30, "modprobe", "-q", "nfsd");
            missing = missingFilesystems();
        }
        assumeThat(missing).as("this kernel has no " + String.join(" and no ", missing)
                + " file system (/proc/filesystems does not list it and it cannot be loaded"
                + (Files.isDirectory(Path.of("/lib/modules")) ? "" : ": /lib/modules is absent") + ")").isEmpty();
        for (String tool : TOOLS) {
            assertThat(which(tool)).as(tool + " (Debian nfs-kernel-server, nfs-common, rpcbind; installed by "
                    + "scripts/test.sh)").isNotNull();
        }
    }

    private static List<String> missingFilesystems() throws IOException {
        List<String> present = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/filesystems"))) {
            String[] f = line.trim().split("\\s+");
            present.add(f[f.length - 1]);
        }
        List<String> missing = new ArrayList<>();
        for (String fs : List.of("nfs", "nfs4", "nfsd")) {
            if (!present.contains(fs)) {
                missing.add(fs);
            }
        }
        return missing;
    }

    /** Starts the server; {@link #requireSupport()} first. */
    public static LoopbackNfs start(Path dir) throws Exception {
        LoopbackNfs nfs = new LoopbackNfs(dir);
        try {
            nfs.startServer();
            return nfs;
        } catch (Exception | AssertionError e) {
            nfs.close();
            throw e;
        }
    }

    private void startServer() throws Exception {
        if (!Files.readString(Path.of("/proc/mounts")).contains(" /proc/fs/nfsd nfsd ")) {
            check("mount", "-t", "nfsd", "nfsd", "/proc/fs/nfsd");
            undo.push(() -> quietly("umount", "/proc/fs/nfsd"));
        }
        if (!Files.exists(Path.of("/run/rpcbind.sock"))) {
            daemon("rpcbind", "-f", "-w");
            waitFor(() -> Files.exists(Path.of("/run/rpcbind.sock")), "rpcbind's socket");
        }
        daemon("rpc.mountd", "-F", "--no-udp");
        check("rpc.nfsd", "--no-udp", "2");
        undo.push(() -> quietly("rpc.nfsd", "0"));
    }

    /**
     * Exports a new directory to 127.0.0.1 and mounts it with {@code vers} ("3", "4.2", ...):
     * the mount point. Each call exports its own directory, so each mount is its own export.
     */
    public Path mount(String vers) throws Exception {
        int n = ++exports;
        Path export = Files.createDirectories(dir.resolve("export" + n));
        Path mnt = Files.createDirectories(dir.resolve("mnt" + n));
        String spec = "127.0.0.1:" + export;
        check("exportfs", "-o", "rw,no_root_squash,insecure,no_subtree_check,sync,fsid=" + (4200 + n), spec);
        undo.push(() -> quietly("exportfs", "-u", spec));
        check("mount", "-t", "nfs", "-o", "vers=" + vers + ",proto=tcp,soft,timeo=50,retrans=2,nolock", spec,
                mnt.toString());
        undo.push(() -> quietly("umount", "-f", "-l", mnt.toString()));
        return mnt;
    }

    /** The device name mountstats gives a mount made by {@link #mount}. */
    public String export(Path mnt) {
        return "127.0.0.1:" + dir.resolve("export" + mnt.getFileName().toString().substring(3));
    }

    private void daemon(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(cmd[0] + ".log").toFile()).start();
        undo.push(() -> {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void close() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition c, String what) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.holds()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(until);
            Thread.sleep(50);
        }
    }

    private static String which(String tool) {
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return d + "/" + tool;
            }
        }
        return null;
    }

    /** Runs a command to completion (60 s at most): fails the test with its output when it fails. */
    private static void check(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done && p.exitValue() == 0).as(String.join(" ", cmd) + " failed: " + out).isTrue();
    }

    private static int exit(int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void quietly(String... cmd) {
        try {
            exit(60, cmd);
        } catch (Exception e) {
            // best effort: the next undo step still runs
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
