package org.nodeprocessexporter.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class SystemCpusTest {
    @Test
    void cpuListsWithRangesAndSingles() throws Exception {
        assertThat(SystemCpus.parseCpuList("0-2,5,7-8")).containsExactly(0, 1, 2, 5, 7, 8);
        assertThat(SystemCpus.parseCpuList("")).isEmpty();
        assertThatThrownBy(() -> SystemCpus.parseCpuList("3-1")).isInstanceOf(IOException.class);
    }
}
