package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DeviceFilterTest {
    private static final Pattern MOUNTS = Pattern.compile("^/(dev|proc|sys|var/lib/docker/.+)($|/)");

    @Test
    void excludeIgnoresWhatMatchesAnywhereUnlessAnchored() {
        DeviceFilter f = new DeviceFilter(Pattern.compile("loop"), null);

        assertThat(f.ignored("loop0")).isTrue();
        assertThat(f.ignored("xloop")).isTrue();
        assertThat(f.ignored("sda")).isFalse();
    }

    @Test
    void includeIgnoresWhatDoesNotMatch() {
        DeviceFilter f = new DeviceFilter(null, Pattern.compile("^(sd|nvme)"));

        assertThat(f.ignored("sda1")).isFalse();
        assertThat(f.ignored("nvme0n1")).isFalse();
        assertThat(f.ignored("loop0")).isTrue();
        assertThat(new DeviceFilter(null, null).ignored("anything")).isFalse();
    }

    @Test
    void aRememberedAnswerIsTheSameAnswer() {
        DeviceFilter f = new DeviceFilter(MOUNTS, null);

        for (int round = 0; round < 3; round++) {
            assertThat(f.ignored("/proc")).isTrue();
            assertThat(f.ignored("/var/lib/docker/overlay2/x/merged")).isTrue();
            assertThat(f.ignored("/")).isFalse();
            assertThat(f.ignored("/processes")).isFalse();
        }
        assertThat(f.remembered()).isEqualTo(4);
    }

    @Test
    void namesThatComeAndGoDoNotGrowTheMemoryWithoutEnd() {
        DeviceFilter f = new DeviceFilter(Pattern.compile("^veth"), null);

        for (int i = 0; i < 3 * DeviceFilter.MAX_REMEMBERED + 7; i++) {
            assertThat(f.ignored("veth" + i)).isTrue();
            assertThat(f.ignored("eth" + i)).isFalse();
            assertThat(f.remembered()).isLessThanOrEqualTo(DeviceFilter.MAX_REMEMBERED);
        }
        // after being emptied it answers (and remembers) as before
        assertThat(f.ignored("eth0")).isFalse();
        assertThat(f.ignored("veth0")).isTrue();
    }

    @Property
    void answersAsTheRegexpsDoEveryTime(@ForAll("names") String name, @ForAll boolean include) {
        Pattern p = Pattern.compile("^(dev|sd[a-c]|/run/.+)($|/)|loop");
        DeviceFilter f = include ? new DeviceFilter(null, p) : new DeviceFilter(p, null);
        boolean expected = p.matcher(name).find() != include;

        assertThat(f.ignored(name)).isEqualTo(expected);
        assertThat(f.ignored(new String(name))).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.of("dev", "dev/x", "sda", "sdd", "loop7", "/run/user/1000", "/run", "eth0"),
                Arbitraries.strings().withChars("devsdabc/runlop0 ").ofMaxLength(12));
    }
}
