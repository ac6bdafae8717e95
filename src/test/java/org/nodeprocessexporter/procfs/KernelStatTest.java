package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class KernelStatTest {
    @Test
    void oldKernelsWithoutStealOrGuestColumnsReadAsZero() throws Exception {
        KernelStat s = KernelStat.parse("""
                cpu  10 20 30 40 50 60 70
                cpu0 10 20 30 40 50 60 70
                cpu12 1 2 3 4 5 6 7 8 9 10
                intr 99 1 2 3
                ctxt 5
                btime 1000
                processes 7
                procs_running 2
                procs_blocked 1
                """);
        assertThat(s.cpus().keySet()).containsExactly(0, 12);
        assertThat(s.cpus().get(0)).isEqualTo(new KernelStat.CpuTimes(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0, 0, 0));
        assertThat(s.cpus().get(12).guestNice()).isEqualTo(0.1);
        assertThat(s.interrupts()).isEqualTo(99);
        assertThat(s.softirqs()).isNull();
        assertThat(s.procsBlocked()).isEqualTo(1);
    }

    @Test
    void aGarbledCounterIsAnError() {
        assertThatThrownBy(() -> KernelStat.parse("ctxt 12x\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("12x");
    }

    @Test
    void theInterruptTotalIsTheFirstNumberOfItsLineHoweverLong() throws Exception {
        StringBuilder intr = new StringBuilder("intr  123456789012");
        for (int i = 0; i < 5000; i++) {
            intr.append(' ').append(i % 7);
        }
        assertThat(KernelStat.parse(intr + "\nctxt 5\n").interrupts()).isEqualTo(123456789012.0);
        assertThat(KernelStat.parse("intr 42\n").interrupts()).isEqualTo(42);
        assertThat(KernelStat.parse("intr \nctxt 5\n").interrupts()).isZero();
        assertThatThrownBy(() -> KernelStat.parse("intr 4x2 1 2\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("4x2");
    }
}
