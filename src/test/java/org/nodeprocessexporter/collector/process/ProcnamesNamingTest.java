package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** process-exporter's -procnames and -namemapping, with the examples of its README and manual. */
class ProcnamesNamingTest {
    private static ProcessAttributes proc(String comm, String... cmdline) {
        return new ProcessAttributes(7, comm, List.of(cmdline), "root", 0, List.of());
    }

    @Test
    void procnamesNameEachListedCommItsOwnGroup() {
        ProcnamesNaming n = ProcnamesNaming.of("chromium-browse,bash,prometheus", "");
        assertThat(n.match(proc("bash", "-bash"))).isEqualTo(new NamingRules.Named("bash", false));
        assertThat(n.match(proc("prometheus", "/usr/bin/prometheus"))).isEqualTo(new NamingRules.Named("prometheus", false));
        assertThat(n.match(proc("sshd", "/usr/sbin/sshd"))).isNull();
        assertThat(n.declaredGroups()).isEmpty();
    }

    @Test
    void namemappingNamesByTheFirstNonEmptyCapture() {
        ProcnamesNaming n = ProcnamesNaming.of("bash,python2", "python2,([^/]+)\\.py,java,-jar\\s+([^/]+).jar,upstart,(--user)");
        assertThat(n.match(proc("python2", "python2", "/opt/app/server.py"))).isEqualTo(new NamingRules.Named("python2:server", false));
        assertThat(n.match(proc("java", "java", "-jar", "/opt/x/app.jar"))).isNull(); // [^/]+ cannot span the path
        assertThat(n.match(proc("java", "java", "-jar", "app.jar"))).isEqualTo(new NamingRules.Named("java:app", false));
        assertThat(n.match(proc("upstart", "/sbin/upstart", "--user")).name()).isEqualTo("upstart:--user");
        // a mapped comm whose regexp captures nothing is not exported, listed in procnames or not
        assertThat(n.match(proc("python2", "python2", "-c", "print(1)"))).isNull();
        assertThat(n.match(proc("bash", "bash"))).isEqualTo(new NamingRules.Named("bash", false));
    }

    @Test
    void badMappingsAreRefusedAsProcessExporterRefusesThem() {
        assertThatThrownBy(() -> ProcnamesNaming.of("", "python2")).hasMessage("bad namemapping: odd number of tokens");
        assertThatThrownBy(() -> ProcnamesNaming.of("", "python2,")).hasMessage("bad namemapping: token 1 is empty");
        assertThatThrownBy(() -> ProcnamesNaming.of("", "python2,(")).hasMessageStartingWith("error compiling regexp '('");
    }
}
