package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.collector.CollectorHarness;

class MdstatTest {
    @Test
    void everyStateOfTheFixture() throws Exception {
        var all = Mdstat.read(CollectorHarness.FIXTURES.resolve("proc"));
        assertThat(all).containsExactly(
                new Mdstat("md0", "active", 2, 2, 0, 0, 248896, 248896),
                new Mdstat("md1", "recovering", 3, 4, 1, 1, 5860270080L, 166514688),
                new Mdstat("md2", "resyncing", 4, 4, 0, 0, 4186624, 0),
                new Mdstat("md3", "checking", 2, 2, 0, 0, 1953381376L, 234405888),
                new Mdstat("md4", "active", 2, 2, 0, 0, 3906764800L, 3906764800L),
                new Mdstat("md5", "active", 2, 2, 0, 0, 7813529600L, 7813529600L),
                new Mdstat("md127", "inactive", 0, 0, 0, 2, 7813529600L, 7813529600L));
    }

    @Test
    void noArrays() throws Exception {
        assertThat(Mdstat.parse("Personalities : \nunused devices: <none>\n")).isEmpty();
    }

    @Test
    void truncatedOrMalformedEntriesAreErrors() {
        assertThatThrownBy(() -> Mdstat.parse("md0 : active raid1 sda[0]\n  100 blocks\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("too few lines");
        assertThatThrownBy(() -> Mdstat.parse("md0 : active raid1 sda[0]\n  100 blocks [2/1]\n\n\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("substring");
        assertThatThrownBy(() -> Mdstat.parse("md0 :\n  100 blocks\n\n\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("at least 3");
    }
}
