package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nodeprocessexporter.sysfs.NumaNodesParsers;

/**
 * The fixtures of buddyinfo, zoneinfo, slabinfo, interrupts, softirqs, swaps and the NUMA node
 * files, cut anywhere or with any byte replaced: each reader gives a result or its documented
 * {@link IOException}, never anything else; zoneinfo's reader, which has no error, never throws.
 */
class ProcMemPropertiesTest {

    @FunctionalInterface
    interface Reader {
        Object parse(byte[] b, int len) throws IOException;
    }

    record Case(String file, Reader reader) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static String text(byte[] b, int len) {
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<Case> files() {
        List<Case> all = new ArrayList<>(List.of(
                new Case("proc/buddyinfo", (b, len) -> BuddyInfo.parse(text(b, len))),
                new Case("proc/zoneinfo", Zoneinfo::parse),
                new Case("proc/slabinfo", Slabinfo::parse),
                new Case("proc/interrupts", Interrupts::parse),
                new Case("proc/softirqs", (b, len) -> Softirqs.parse(text(b, len))),
                new Case("proc/swaps", (b, len) -> Swaps.parse(text(b, len))),
                new Case("sys/devices/system/node/node0/meminfo", (b, len) -> NumaNodesParsers.meminfo(text(b, len))),
                new Case("sys/devices/system/node/node1/numastat",
                        (b, len) -> NumaNodesParsers.numastat(text(b, len)))));
        return Arbitraries.of(all);
    }

    private static void parsesOrIoException(Case c, byte[] b, int len) {
        try {
            c.reader().parse(b, len);
        } catch (IOException e) {
            assertThat(c.file()).as("zoneinfo has no error").isNotEqualTo("proc/zoneinfo");
        }
    }

    @Property(tries = 1500)
    void truncatedFileParsesOrFailsWithIoException(@ForAll("files") Case c, @ForAll double where) throws Exception {
        byte[] b = Fixtures.bytes(c.file());
        assertThat(c.reader().parse(b, b.length)).as("whole fixture %s parses", c.file()).isNotNull();
        parsesOrIoException(c, b, (int) (Math.abs(where) % 1.0 * b.length));
    }

    @Property(tries = 1500)
    void garbledFileParsesOrFailsWithIoException(@ForAll("files") Case c, @ForAll int where, @ForAll byte value) {
        byte[] b = Fixtures.bytes(c.file());
        b[Math.floorMod(where, b.length)] = value;
        parsesOrIoException(c, b, b.length);
        parsesOrIoException(c, b, Math.floorMod(where, b.length));
    }

    @Property(tries = 300)
    void randomBytesParseOrFailWithIoException(@ForAll("files") Case c, @ForAll byte[] junk) {
        parsesOrIoException(c, junk, junk.length);
    }
}
