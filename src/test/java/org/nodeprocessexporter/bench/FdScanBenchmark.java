package org.nodeprocessexporter.bench;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.File;
import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nodeprocessexporter.procfs.FdTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ways to find the socket inodes among a process's fds, on this JVM's own /proc/self/fd holding
 * {@code fds} extra descriptors (half UDP sockets, half /dev/null). Every method returns
 * the number of socket inodes found, so they can be compared.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FdScanBenchmark {
    @Param("10000")
    public int fds;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final FdTable table = new FdTable();
    private Path fdDir;
    private String fdDirString;

    /** JNA direct mapping: no per-call reflection. */
    public static final class LibC {
        static {
            Native.register("c");
        }

        public static native long readlink(byte[] path, byte[] buf, long size);

        public static native Pointer opendir(String name);

        public static native Pointer readdir(Pointer dir);

        public static native int closedir(Pointer dir);
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        for (int i = 0; i < fds; i++) {
            open.add(i % 2 == 0 ? DatagramChannel.open() : new java.io.FileInputStream("/dev/null"));
        }
        fdDir = Path.of("/proc/self/fd").toRealPath(); // /proc/<pid>/fd, as the collector sees it
        fdDirString = fdDir.toString();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Benchmark
    public int fdTableScan() {
        table.scan(fdDir);
        return table.socketCount();
    }

    @Benchmark
    public int fdTableCountOnly() {
        table.count(fdDir);
        return table.openFds();
    }

    @Benchmark
    public int dirStreamReadSymbolicLink() throws IOException {
        int sockets = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fdDir)) {
            for (Path p : ds) {
                if (Files.readSymbolicLink(p).toString().startsWith("socket:[")) {
                    sockets++;
                }
            }
        }
        return sockets;
    }

    @Benchmark
    public int fileListReadSymbolicLink() throws IOException {
        int sockets = 0;
        String[] names = new File(fdDirString).list();
        for (String n : names) {
            try {
                if (Files.readSymbolicLink(fdDir.resolve(n)).toString().startsWith("socket:[")) {
                    sockets++;
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // the fd File.list() itself used, closed by now
            }
        }
        return sockets;
    }

    @Benchmark
    public int dirStreamStatUnixMode() throws IOException {
        int sockets = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fdDir)) {
            for (Path p : ds) {
                int mode = (Integer) Files.getAttribute(p, "unix:mode");
                if ((mode & 0170000) == 0140000) { // S_IFSOCK; inode would be "unix:ino"
                    sockets++;
                }
            }
        }
        return sockets;
    }

    @Benchmark
    public int fileListJnaReadlink() {
        int sockets = 0;
        byte[] path = new byte[fdDirString.length() + 24];
        byte[] prefix = (fdDirString + "/").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, path, 0, prefix.length);
        byte[] target = new byte[256];
        for (String n : new File(fdDirString).list()) {
            int p = prefix.length;
            for (int i = 0; i < n.length(); i++) {
                path[p++] = (byte) n.charAt(i);
            }
            path[p] = 0;
            long len = LibC.readlink(path, target, target.length);
            if (len > 8 && target[0] == 's' && target[6] == ':' && target[7] == '[') {
                sockets++;
            }
        }
        return sockets;
    }

    @Benchmark
    public int jnaReaddirReadlink() {
        int sockets = 0;
        byte[] path = new byte[fdDirString.length() + 24];
        byte[] prefix = (fdDirString + "/").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, path, 0, prefix.length);
        byte[] target = new byte[256];
        Pointer dir = LibC.opendir(fdDirString);
        try {
            Pointer ent;
            while ((ent = LibC.readdir(dir)) != null) {
                // glibc x86-64 struct dirent: d_ino 8, d_off 8, d_reclen 2, d_type 1, d_name @19
                int p = prefix.length;
                for (int i = 19; ; i++) {
                    byte c = ent.getByte(i);
                    if (c == 0) {
                        break;
                    }
                    path[p++] = c;
                }
                if (path[prefix.length] == '.') {
                    continue;
                }
                path[p] = 0;
                long len = LibC.readlink(path, target, target.length);
                if (len > 8 && target[0] == 's' && target[6] == ':' && target[7] == '[') {
                    sockets++;
                }
            }
        } finally {
            LibC.closedir(dir);
        }
        return sockets;
    }
}
