package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every captured and hand-made fixture, cut at any point, parses to the same record as the whole
 * file or to "malformed"; with any one byte replaced, no parser throws.
 */
class TruncationPropertiesTest {

    record Case(String file, BiFunction<byte[], Integer, Object> parser) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static List<Case> cases() {
        try (Stream<java.nio.file.Path> files = Files.walk(Fixtures.root())) {
            return files.filter(Files::isRegularFile).map(p -> {
                String rel = Fixtures.root().relativize(p).toString();
                // only per-process files: proc/<pid>/..., not e.g. proc/pressure/io
                if (!rel.matches("proc/(\\d+|self)/.*")) {
                    return null;
                }
                String name = p.getFileName().toString();
                BiFunction<byte[], Integer, Object> parser = switch (name) {
                    case "stat" -> ProcStat::parse;
                    case "status" -> ProcStatus::parse;
                    case "io" -> ProcIo::parse;
                    case "limits" -> ProcLimits::parse;
                    case "smaps_rollup" -> SmapsRollup::parse;
                    case "schedstat" -> ProcSchedstat::parse;
                    default -> null;
                };
                return parser == null ? null : new Case(rel, parser);
            }).filter(c -> c != null).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Case> files() {
        List<Case> all = cases();
        assertThat(all).hasSizeGreaterThan(20);
        return Arbitraries.of(all);
    }

    @Property(tries = 2000)
    void truncatedFileParsesToTheSameRecordOrMalformed(@ForAll("files") Case c, @ForAll double where) {
        byte[] b = Fixtures.bytes(c.file());
        Object full = c.parser().apply(b, b.length);
        assertThat(full).as("whole fixture %s parses", c.file()).isNotNull();
        int len = (int) (Math.abs(where) % 1.0 * b.length);
        Object cut = c.parser().apply(b, len);
        if (cut != null && !(cut == SmapsRollup.NO_MM && len == 0)) {
            assertThat(cut).isEqualTo(full);
        }
    }

    @Property(tries = 2000)
    void garbledFileNeverThrows(@ForAll("files") Case c, @ForAll int where, @ForAll byte value) {
        byte[] b = Fixtures.bytes(c.file());
        b[Math.floorMod(where, b.length)] = value;
        c.parser().apply(b, b.length);
        c.parser().apply(b, Math.floorMod(where, b.length));
    }

    @Property(tries = 300)
    void arbitraryBytesNeverThrow(@ForAll byte[] junk) {
        for (Case c : List.of(new Case("stat", ProcStat::parse), new Case("status", ProcStatus::parse),
                new Case("io", ProcIo::parse), new Case("limits", ProcLimits::parse),
                new Case("smaps", SmapsRollup::parse))) {
            c.parser().apply(junk, junk.length);
        }
        new SocketTable(false).parse(junk, junk.length, java.nio.ByteOrder.LITTLE_ENDIAN);
        new SocketTable(true).parse(junk, junk.length, java.nio.ByteOrder.LITTLE_ENDIAN);
    }
}
