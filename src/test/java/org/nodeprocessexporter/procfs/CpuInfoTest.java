package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {
    @Test
    void arm64NamesFillTheSameFields() throws Exception {
        CpuInfo info = CpuInfo.parse("""
                processor\t: 0
                BogoMIPS\t: 50.00
                Features\t: fp asimd evtstrm aes
                CPU implementer\t: 0x41
                CPU architecture: 8
                CPU variant\t: 0x3
                CPU part\t: 0xd0c
                CPU revision\t: 1

                processor\t: 1
                Features\t: fp
                CPU implementer\t: 0x41
                """);
        assertThat(info.cpus()).hasSize(2);
        CpuInfo.Cpu c = info.cpus().get(0);
        assertThat(List.of(c.vendorId(), c.cpuFamily(), c.model(), c.stepping(), c.coreId()))
                .containsExactly("0x41", "8", "0xd0c", "1", "");
        assertThat(c.flags()).containsExactly("fp", "asimd", "evtstrm", "aes");
        assertThat(info.cpus().get(1).processor()).isEqualTo(1);
    }
}
