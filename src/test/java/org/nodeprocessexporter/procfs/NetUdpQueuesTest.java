package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming /proc/net/udp parser: lines across read chunks, odd lines, errors. */
class NetUdpQueuesTest {
    private static final String HEADER = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode ref pointer drops\n";

    private static String line(int sl, long tx, long rx) {
        return String.format("%5d: 0100007F:%04X 00000000:0000 07 %08X:%08X 00:00000000 00000000     0        0 %d 2"
                + " 0000000000000000 0%n", sl, sl & 0xffff, tx, rx, 1000 + sl);
    }

    @Test
    void sumsThousandsOfLinesThatCrossReadChunks(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder(HEADER);
        long tx = 0;
        long rx = 0;
        for (int i = 0; i < 3000; i++) {
            text.append(line(i, i, 3L * i + 1));
            tx += i;
            rx += 3L * i + 1;
        }
        Path file = dir.resolve("udp");
        Files.writeString(file, text);
        assertThat(NetUdpQueues.read(file)).isEqualTo(new NetUdpQueues(tx, rx));
        assertThat(NetUdpQueues.parse(text.toString(), "udp")).isEqualTo(new NetUdpQueues(tx, rx));
    }

    @Test
    void blankLinesAreSkippedAndALastLineNeedsNoNewline(@TempDir Path dir) throws Exception {
        String text = HEADER + "\n" + line(0, 0x100, 0xa00) + "  \n" + line(1, 1, 0).stripTrailing();
        Path file = dir.resolve("udp6");
        Files.writeString(file, text);
        assertThat(NetUdpQueues.read(file)).isEqualTo(new NetUdpQueues(0x101, 0xa00));
        assertThat(NetUdpQueues.parse(text, "udp6")).isEqualTo(new NetUdpQueues(0x101, 0xa00));
        assertThat(NetUdpQueues.parse(HEADER, "udp")).isEqualTo(new NetUdpQueues(0, 0));
        assertThat(NetUdpQueues.parse("", "udp")).isEqualTo(new NetUdpQueues(0, 0));
    }

    @Test
    void queueColumnsLongParseLongTakesStillCount() throws Exception {
        assertThat(NetUdpQueues.parse(HEADER + "0: a b c +10:-1 x\n", "udp")).isEqualTo(new NetUdpQueues(16, -1));
    }

    @Test
    void malformedLinesAndAMissingFileAreErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> NetUdpQueues.parse(HEADER + "0: a b c\n", "udp"))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed /proc/net/udp line: 0: a b c");
        assertThatThrownBy(() -> NetUdpQueues.parse(HEADER + "0: a b c 12\n", "udp"))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed queue column 12");
        assertThatThrownBy(() -> NetUdpQueues.parse(HEADER + "0: a b c 1:zz\n", "udp"))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed queue column 1:zz");
        assertThatThrownBy(() -> NetUdpQueues.read(dir.resolve("udp")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
