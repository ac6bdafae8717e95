package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskstatsTest {
    @Test
    void keepsAsManyCountersAsTheKernelWrites() throws IOException {
        List<Diskstats> d = Diskstats.parse("""
                   8       0 sda 1 2 3 4 5 6 7 8 9 10 11
                 259       0 nvme0n1 1 2 3 4 5 6 7 8 9 10 11 12 13 14 18446744073709551615 16 17
                """);
        assertThat(d).hasSize(2);
        assertThat(d.get(0).device()).isEqualTo("sda");
        assertThat(d.get(0).stats()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(d.get(1).major()).isEqualTo(259);
        assertThat(d.get(1).stats()).hasSize(17);
        assertThat(d.get(1).stats()[14]).isEqualTo(-1L); // unsigned 2^64-1
    }

    @Test
    void shortOrNonNumericLinesAreErrors() {
        assertThatThrownBy(() -> Diskstats.parse("8 0 sda 1 2 3\n")).hasMessageContaining("malformed diskstats");
        assertThatThrownBy(() -> Diskstats.parse("8 0 sda 1 2 3 4 5 6 7 8 9 10 x\n"))
                .hasMessageContaining("malformed diskstats");
    }
}
