package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallProcReadersTest {
    @Test
    void softnetBefore514HasNoIndexColumnSoTheLineNumberIsTheCpu() throws Exception {
        SoftnetStat s = SoftnetStat.parse("""
                00000010 00000001 00000002 00000000 00000000 00000000 00000000 00000000 00000003 00000004 00000005
                00000020 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
                """);
        assertThat(s.cpus()).containsExactly(new SoftnetStat.Cpu(0, 16, 1, 2, 3, 4, 5, 0),
                new SoftnetStat.Cpu(1, 32, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void softnetIndexColumnNamesTheCpuWhenOfflineCpusLeaveGaps() throws Exception {
        SoftnetStat s = SoftnetStat.parse(
                "0000000a 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000007 00000003\n");
        assertThat(s.cpus().get(0).index()).isEqualTo(3);
        assertThat(s.cpus().get(0).backlogLen()).isEqualTo(7);
    }

    @Test
    void conntrackStatSumsEveryCpuByColumnName() throws Exception {
        Map<String, Double> m = ConntrackStat.parse("""
                entries  found invalid
                00000010  0000000a 00000001
                00000010  00000005 000000ff
                """);
        assertThat(m).containsEntry("found", 15.0).containsEntry("invalid", 256.0).containsEntry("entries", 32.0);
        assertThatThrownBy(() -> ConntrackStat.parse("entries found\n1\n")).isInstanceOf(IOException.class);
    }

    @Test
    void pressureCpuWithoutFullLine() throws Exception {
        assertThat(Pressure.parse("some avg10=1.00 avg60=0.00 avg300=0.00 total=42\n", "cpu"))
                .isEqualTo(new Pressure(42.0, null));
        assertThatThrownBy(() -> Pressure.parse("some avg10=1.00\n", "cpu")).isInstanceOf(IOException.class);
    }

    @Test
    void sockstatKeepsUnknownKeysAndRejectsOddPairs() throws Exception {
        Sockstat s = Sockstat.parse("sockets: used 5\nMPTCP: inuse 1 newkey 9\n", "sockstat");
        assertThat(s.used()).isEqualTo(5.0);
        assertThat(s.protocols().get(0).fields()).containsEntry("newkey", 9.0);
        assertThatThrownBy(() -> Sockstat.parse("TCP: inuse\n", "sockstat")).isInstanceOf(IOException.class);
    }

    @Test
    void sysctlFilesReadWholeThoughTheyRefuseReadsAtAnOffset() throws Exception {
        // Files.readString returns only the first digit of this file.
        assertThat(Fields.split(ProcFile.readString(java.nio.file.Path.of("/proc/sys/fs/file-nr")))).hasSize(3);
    }
}
