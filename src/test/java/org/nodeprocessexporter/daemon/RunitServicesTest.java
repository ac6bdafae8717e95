package org.nodeprocessexporter.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunitServicesTest {
    static final Path SERVICES = Path.of("src/test/resources/fixtures/runit/service");

    @Test
    void servicesAreTheDirectoriesAndSymbolicLinks() throws Exception {
        assertThat(RunitServices.list(SERVICES))
                .containsExactly("empty", "finishing", "linked", "marked", "running", "short", "stopped", "unsupervised");
    }

    @Test
    void recordsDecodeAsGoRunitDecodesThem() throws Exception {
        assertThat(RunitServices.read(SERVICES, "running"))
                .isEqualTo(new RunitServices.Status("running", 4242, 1767323045, 1, 1, true));
        // runit's down file is in the service directory, where go-runit does not look
        assertThat(RunitServices.read(SERVICES, "stopped"))
                .isEqualTo(new RunitServices.Status("stopped", 0, 1767312000, 0, 0, true));
        assertThat(RunitServices.read(SERVICES, "marked").normallyUp()).isFalse();
        assertThat(RunitServices.read(SERVICES, "finishing"))
                .isEqualTo(new RunitServices.Status("finishing", 77, 1767323000, 2, 1, true));
        assertThat(RunitServices.read(SERVICES, "linked").pid()).isEqualTo(31337);
        // 12 bytes: the timestamp is there, the rest reads as zeros
        assertThat(RunitServices.read(SERVICES, "short"))
                .isEqualTo(new RunitServices.Status("short", 0, 1767225600, 0, 0, true));
    }

    @Test
    void anEmptyOrMissingRecordIsAnError() {
        assertThatThrownBy(() -> RunitServices.read(SERVICES, "empty")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RunitServices.read(SERVICES, "unsupervised")).isInstanceOf(IOException.class);
    }

    @Test
    void aDanglingLinkIsAServiceWithoutRecord(@TempDir Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("gone"), dir.resolve("nowhere"));
        Files.writeString(dir.resolve("file"), "");
        assertThat(RunitServices.list(dir)).containsExactly("gone");
        assertThatThrownBy(() -> RunitServices.read(dir, "gone")).isInstanceOf(IOException.class);
    }

    @Test
    void theTimestampIsTai64MinusItsOffsetWrappingAsGosInt64() {
        byte[] r = new byte[20];
        assertThat(RunitServices.decode("x", r, true).changedUnixSeconds()).isEqualTo(-4611686018427387914L);
        r[0] = (byte) 0xff;
        assertThat(RunitServices.decode("x", r, true).changedUnixSeconds())
                .isEqualTo(0xff00000000000000L - 4611686018427387914L);
        r[12] = (byte) 0xff;
        r[13] = (byte) 0xff;
        r[14] = (byte) 0xff;
        r[15] = (byte) 0xff;
        r[17] = 'x';
        assertThat(RunitServices.decode("x", r, true).pid()).isEqualTo(0xffffffffL);
        assertThat(RunitServices.decode("x", r, true).want()).isZero();
    }

    @Property(tries = 300)
    void anyRecordDecodes(@ForAll @Size(max = 40) byte[] record) throws Exception {
        Path dir = Files.createTempDirectory("runit");
        try {
            Path supervise = Files.createDirectories(dir.resolve("s/supervise"));
            Files.write(supervise.resolve("status"), record);
            try {
                RunitServices.Status s = RunitServices.read(dir, "s");
                assertThat(s.state()).isBetween(0, 255);
                assertThat(record).isNotEmpty();
            } catch (IOException e) {
                assertThat(record).isEmpty();
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
