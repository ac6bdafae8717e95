package org.nodeprocessexporter.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The ioctl structs against byte images laid out by hand from include/uapi/linux/btrfs.h (offsets
 * checked with a C program against the installed header: fs_info 1024 bytes, fsid at 16; dev_info
 * 4096 bytes, uuid at 8, bytes_used at 24, total_bytes at 32, path at 3072; get_dev_stats 1032 bytes,
 * values at 24), little-endian as on x86_64 and aarch64.
 */
class BtrfsIoctlTest {
    private static final byte[] UUID = {(byte) 0xf7, 0x2e, 0x35, 0x3e, (byte) 0xe5, 0x33, 0x49, 0x41, (byte) 0x84,
        0x28, (byte) 0x81, 0x7a, (byte) 0x91, 0x57, (byte) 0xa3, (byte) 0xb5};

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void requestNumbersAreTheKernelsOnEveryArchitecture() {
        // The values of BTRFS_IOC_* as the installed header's macros give them on x86_64.
        assertThat(BtrfsIoctl.ioc(false, 31, 1024, "amd64")).isEqualTo(0x8400941FL);
        assertThat(BtrfsIoctl.ioc(true, 30, 4096, "amd64")).isEqualTo(0xD000941EL);
        assertThat(BtrfsIoctl.ioc(true, 52, 1032, "aarch64")).isEqualTo(0xC4089434L);
        // powerpc: _IOC_READ 2, _IOC_WRITE 4, direction in bits 29-31.
        assertThat(BtrfsIoctl.ioc(false, 31, 1024, "ppc64le")).isEqualTo(0x4400941FL);
        assertThat(BtrfsIoctl.ioc(true, 30, 4096, "ppc64le")).isEqualTo(0xD000941EL);
    }

    @Test
    void fsInfoGivesDeviceCountMaxIdAndTheFsidAsHex() {
        ByteBuffer b = le(BtrfsIoctl.FS_INFO_SIZE).putLong(0, 3).putLong(8, 2);
        b.put(16, UUID);
        b.putInt(32, 16384); // nodesize: not read
        ByteBuffer n = ByteBuffer.allocate(b.capacity()).order(ByteOrder.nativeOrder());
        n.put(0, b.array());
        assertThat(BtrfsIoctl.fsInfo(n)).isEqualTo(new BtrfsIoctl.FsInfo(3, 2, "f72e353ee53349418428817a9157a3b5"));
        assertThat(BtrfsIoctl.fsInfoRequest().capacity()).isEqualTo(1024);
        assertThat(BtrfsIoctl.fsInfoRequest().array()).containsOnly(0);
    }

    @Test
    void devInfoRequestCarriesOnlyTheDevidAndTheAnswerDecodes() {
        ByteBuffer req = BtrfsIoctl.devInfoRequest(7);
        assertThat(req.capacity()).isEqualTo(4096);
        assertThat(req.order(ByteOrder.LITTLE_ENDIAN).getLong(0)).isEqualTo(7);
        for (int i = 8; i < 4096; i++) {
            assertThat(req.get(i)).as("byte %d", i).isZero();
        }

        ByteBuffer b = le(BtrfsIoctl.DEV_INFO_SIZE).putLong(0, 1).putLong(24, 92274688L).putLong(32, 209715200L);
        b.put(8, UUID);
        b.put(3072, "/dev/loop0".getBytes(StandardCharsets.UTF_8));
        b.put(3072 + 1023, (byte) 'x'); // garbage after the NUL is not part of the path
        assertThat(BtrfsIoctl.devInfo(b)).isEqualTo(new BtrfsIoctl.DevInfo(1, "f72e353e-e533-4941-8428-817a9157a3b5",
                92274688L, 209715200L, "/dev/loop0"));
    }

    @Test
    void aZeroDeviceUuidPrintsAsUpstreamsLibraryPrintsIt() {
        ByteBuffer b = le(BtrfsIoctl.DEV_INFO_SIZE).putLong(0, 1);
        assertThat(BtrfsIoctl.devInfo(b).uuid()).isEqualTo("<zero>");
        assertThat(BtrfsIoctl.devInfo(b).path()).isEmpty();
    }

    @Test
    void devStatsAsksForAllFiveCountersAndReadsOnlyWhatTheKernelFilled() {
        ByteBuffer req = BtrfsIoctl.devStatsRequest(2).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(req.capacity()).isEqualTo(1032);
        assertThat(req.getLong(0)).isEqualTo(2);
        assertThat(req.getLong(8)).isEqualTo(5); // nr_items in: 0 would get no counters at all
        assertThat(req.getLong(16)).isZero(); // flags: no BTRFS_DEV_STATS_RESET

        ByteBuffer b = le(BtrfsIoctl.DEV_STATS_SIZE).putLong(0, 2).putLong(8, 5);
        for (int i = 0; i < 6; i++) {
            b.putLong(24 + 8 * i, 10 + i);
        }
        assertThat(BtrfsIoctl.devStats(b)).containsExactly(10, 11, 12, 13, 14);
        b.putLong(8, 3); // an older kernel that knows three counters
        assertThat(BtrfsIoctl.devStats(b)).containsExactly(10, 11, 12, 0, 0);
    }
}
