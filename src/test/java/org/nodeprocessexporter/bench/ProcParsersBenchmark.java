package org.nodeprocessexporter.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nodeprocessexporter.procfs.ProcFile;
import org.nodeprocessexporter.procfs.ProcStat;
import org.nodeprocessexporter.procfs.ProcStatus;
import org.nodeprocessexporter.procfs.SocketTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsers on in-memory copies of this JVM's stat/status and a synthetic 10k-line tcp table, and
 * the ways to read a small /proc file. Run (after {@code mvn test-compile}):
 * {@code java -cp target/test-classes:target/classes:<jmh-core, jopt-simple, commons-math3>
 * org.openjdk.jmh.Main ProcParsersBenchmark -f 1 -wi 2 -i 3 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProcParsersBenchmark {
    private byte[] stat;
    private byte[] status;
    private byte[] tcp;
    private final SocketTable table = new SocketTable(false);
    private final ProcFile procFile = new ProcFile();
    private final byte[] scratch = new byte[4096];
    private Path statPath;

    @Setup
    public void setup() throws IOException {
        statPath = Path.of("/proc/self/stat");
        stat = Files.readAllBytes(statPath);
        status = Files.readAllBytes(Path.of("/proc/self/status"));
        StringBuilder sb = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when"
                + " retrnsmt   uid  timeout inode\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append(String.format("%4d: %08X:%04X %08X:%04X %02X 00000000:00000000 00:00000000 00000000  1000"
                            + "        0 %d 1 0000000000000000 20 4 30 10 -1\n",
                    i, 0x0100007F + i, 1024 + i % 60000, 0x9E89300A ^ i, 443, 1 + i % 13, 100_000 + i));
        }
        tcp = sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public ProcStat parseStat() {
        return ProcStat.parse(stat, stat.length);
    }

    @Benchmark
    public ProcStatus parseStatus() {
        return ProcStatus.parse(status, status.length);
    }

    @Benchmark
    public int parseTcp10k() {
        table.parse(tcp, tcp.length, ByteOrder.LITTLE_ENDIAN);
        return table.size();
    }

    @Benchmark
    public int readStatProcFileSingleShow() {
        procFile.readSingleShow(statPath);
        return procFile.length();
    }

    @Benchmark
    public int readStatProcFileToEof() {
        procFile.read(statPath);
        return procFile.length();
    }

    @Benchmark
    public int readStatFileInputStream() throws IOException {
        try (FileInputStream in = new FileInputStream("/proc/self/stat")) {
            return in.read(scratch);
        }
    }

    @Benchmark
    public int readStatRandomAccessFile() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile("/proc/self/stat", "r")) {
            return in.read(scratch);
        }
    }

    @Benchmark
    public int readStatFilesNewInputStream() throws IOException {
        try (InputStream in = Files.newInputStream(statPath)) {
            return in.read(scratch);
        }
    }

    @Benchmark
    public ProcStat readAndParseStat() {
        return ProcStat.read(procFile, statPath.getParent());
    }
}
