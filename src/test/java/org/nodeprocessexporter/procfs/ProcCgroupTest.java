package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** /proc/<pid>/cgroup of a hybrid host, as captured here, and garbage. */
class ProcCgroupTest {
    private static ProcCgroup parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ProcCgroup.parse(b, b.length);
    }

    @Test
    void everyHierarchyWithItsControllersAndPath() {
        ProcCgroup c = parse("""
                9:name=systemd:/
                4:memory:/process_api/315d82520cab5a3c8406dab88e1d1a5f
                2:cpu,cpuacct:/a:b
                0::/system.slice/cron.service (deleted)
                """);
        assertThat(c.hierarchies()).containsExactly(9, 4, 2, 0);
        assertThat(c.controllers()).containsExactly("name=systemd", "memory", "cpu,cpuacct", "");
        assertThat(c.paths()).containsExactly("/", "/process_api/315d82520cab5a3c8406dab88e1d1a5f", "/a:b",
                "/system.slice/cron.service");
        assertThat(c.unified()).isEqualTo("/system.slice/cron.service");
        assertThat(c.v1("name=systemd")).isEqualTo("/");
        assertThat(c.v1("cpuacct")).isEqualTo("/a:b");
        assertThat(c.v1("pids")).isNull();
        assertThat(parse("3:pids:/x\n").unified()).isNull();
        assertThat(parse("").paths()).isEmpty();
    }

    @Test
    void aLineThatIsNotIdControllersPathIsMalformed() {
        assertThat(parse("0:/x\n")).isNull();
        assertThat(parse(":memory:/x\n")).isNull();
        assertThat(parse("x::/\n")).isNull();
    }

    @Property(tries = 500)
    void garbageNeverThrows(@ForAll("garbage") String text) {
        ProcCgroup c = parse(text);
        if (c != null) {
            assertThat(c.paths()).hasSameSizeAs(c.controllers()).hasSameSizeAs(c.hierarchies());
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789:/\n ,=abc(deleted)").ofMaxLength(80),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of(List.of("0::/", "12:cpuset:/docker/x\n1:name=systemd:/docker/x\n0::/\n"))
                        .map(s -> s.substring(0, s.length() / 2)));
    }
}
