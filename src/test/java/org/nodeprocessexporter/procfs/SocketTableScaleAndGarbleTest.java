package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Socket tables the size of a busy host's, and tables with garbage in them. */
class SocketTableScaleAndGarbleTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    private static String line(int i, int inode) {
        // 10.x.y.z:port -> 127.0.0.1:8080, little-endian words as on x86
        int a = 0x0A000000 | (i & 0xFFFFFF);
        int le = Integer.reverseBytes(a);
        return String.format("%5d: %08X:%04X 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000 0 %d 1"
                + " 0000000000000000 20 4 30 10 -1\n", i, le, 1024 + (i % 60000), inode);
    }

    @Test
    void aHundredThousandSocketsParseAndIndex() {
        StringBuilder sb = new StringBuilder(HEADER);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            sb.append(line(i, 1_000_000 + i));
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
        SocketTable t = new SocketTable(false);
        t.parse(b, b.length, ByteOrder.LITTLE_ENDIAN);
        assertThat(t.size()).isEqualTo(n);
        assertThat(t.malformedLines()).isZero();
        int row = t.rowOfInode(1_000_000 + 77_777);
        assertThat(row).isEqualTo(77_777);
        assertThat(t.localEndpoint(row)).isEqualTo("10.1.47.209:" + (1024 + 77_777 % 60000));
        assertThat(t.remoteEndpoint(row)).isEqualTo("127.0.0.1:8080");
        assertThat(t.state(row)).isEqualTo(1);
        assertThat(t.rowOfInode(42)).isNegative();
    }

    @Test
    void readingAFileInChunksGivesTheSameTableAsParsingItWhole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            sb.append(line(i, 5_000_000 + i));
        }
        sb.append("   17: 0100007F:1F90 0100007F"); // cut short, as a table that was being written
        byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
        java.nio.file.Path file = java.nio.file.Files.write(tmp.resolve("tcp"), b);
        SocketTable whole = new SocketTable(false);
        whole.parse(b, b.length, ByteOrder.nativeOrder());
        SocketTable chunked = new SocketTable(false);
        ProcFile buffer = new ProcFile(512);
        assertThat(chunked.read(buffer, file)).isEqualTo(ReadStatus.OK);
        assertThat(chunked.size()).isEqualTo(whole.size()).isEqualTo(n);
        assertThat(chunked.malformedLines()).isEqualTo(whole.malformedLines()).isEqualTo(1);
        for (int row = 0; row < n; row += 997) {
            assertThat(chunked.inode(row)).isEqualTo(whole.inode(row)).isEqualTo(5_000_000 + row);
            assertThat(chunked.localEndpoint(row)).isEqualTo(whole.localEndpoint(row));
            assertThat(chunked.remoteEndpoint(row)).isEqualTo(whole.remoteEndpoint(row));
            assertThat(chunked.rowOfInode(5_000_000 + row)).isEqualTo(row);
        }
        assertThat(buffer.buffer().length).isLessThan(b.length / 10);
    }

    @Property(tries = 1000)
    void garbledLinesAreSkippedAndCountedNeverThrown(@ForAll @IntRange(min = 0, max = 2999) int where,
                                                     @ForAll byte value) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 20; i++) {
            sb.append(line(i, 5000 + i));
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
        int at = HEADER.length() + where % (b.length - HEADER.length());
        b[at] = value;
        SocketTable t = new SocketTable(false);
        t.parse(b, b.length, ByteOrder.LITTLE_ENDIAN);
        assertThat(t.size() + t.malformedLines()).isBetween(19, 21);
        for (int row = 0; row < t.size(); row++) {
            assertThat(t.state(row)).isBetween(0, 255);
            assertThat(t.localEndpoint(row)).contains(":");
        }
    }
}
