package org.nodeprocessexporter.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The byte layout of struct perf_event_attr and the numbers of include/uapi/linux/perf_event.h. */
class PerfEventAttrTest {
    @Test
    void fieldsAtTheirOffsetsTheRestZero() {
        ByteBuffer b = PerfEventAttr.encode(PerfEventAttr.TYPE_HW_CACHE,
                PerfEventAttr.cacheConfig(PerfEventAttr.CACHE_LL, PerfEventAttr.OP_WRITE, PerfEventAttr.RESULT_MISS),
                PerfEventAttr.FORMAT_TOTAL_TIME_ENABLED | PerfEventAttr.FORMAT_TOTAL_TIME_RUNNING,
                PerfEventAttr.DISABLED | PerfEventAttr.INHERIT | PerfEventAttr.EXCLUDE_HV);
        assertThat(b.capacity()).isEqualTo(136); // PERF_ATTR_SIZE_VER8
        assertThat(b.order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(b.getInt(0)).isEqualTo(3); // PERF_TYPE_HW_CACHE
        assertThat(b.getInt(4)).isEqualTo(136);
        assertThat(b.getLong(8)).isEqualTo(0x10102L); // LL | OP_WRITE << 8 | RESULT_MISS << 16
        assertThat(b.getLong(16)).isZero(); // sample_period
        assertThat(b.getLong(24)).isEqualTo(0x10000L); // PERF_SAMPLE_IDENTIFIER
        assertThat(b.getLong(32)).isEqualTo(3L); // TOTAL_TIME_ENABLED | TOTAL_TIME_RUNNING
        assertThat(b.getLong(40)).isEqualTo(0b100_0011L); // disabled, inherit, exclude_hv (bits 0, 1, 6)
        for (int i = 48; i < 136; i += 8) {
            assertThat(b.getLong(i)).as("offset %d", i).isZero();
        }
    }

    @Test
    void theGroupReadFormatAndTheTracepointType() {
        assertThat(PerfEventAttr.FORMAT_GROUP).isEqualTo(8);
        assertThat(PerfEventAttr.TYPE_TRACEPOINT).isEqualTo(2);
        assertThat(PerfEventAttr.TYPE_SOFTWARE).isEqualTo(1);
        assertThat(PerfEventAttr.cacheConfig(PerfEventAttr.CACHE_BPU, PerfEventAttr.OP_READ, PerfEventAttr.RESULT_ACCESS))
                .isEqualTo(5);
    }

    @Test
    void systemCallAndIoctlNumbersPerArchitecture() {
        assertThat(PerfEventAttr.syscallNumber("amd64")).isEqualTo(298);
        assertThat(PerfEventAttr.syscallNumber("aarch64")).isEqualTo(241);
        assertThat(PerfEventAttr.syscallNumber("ppc64le")).isEqualTo(319);
        assertThat(PerfEventAttr.syscallNumber("sparcv9")).isEqualTo(-1);
        assertThat(PerfEventAttr.ioctl(PerfEventAttr.IOC_ENABLE, "amd64")).isEqualTo(0x2400L);
        assertThat(PerfEventAttr.ioctl(PerfEventAttr.IOC_ENABLE, "aarch64")).isEqualTo(0x2400L);
        assertThat(PerfEventAttr.ioctl(PerfEventAttr.IOC_ENABLE, "ppc64le")).isEqualTo(0x20002400L);
    }
}
