package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.config.ConfigFileException;

/** process-exporter's config format, with the examples of its README. */
class NamingConfigTest {
    private static final Path FILE = Path.of("/etc/npe/names.yml");

    private static NamingConfig config(String yaml) throws ConfigFileException {
        return NamingConfig.parse(FILE, yaml);
    }

    private static ProcessAttributes proc(String comm, String... cmdline) {
        return new ProcessAttributes(4242, comm, List.of(cmdline), "alice", 1_700_000_000.25, List.of("0::/system.slice/x"));
    }

    @Test
    void thePackagedDefaultNamesEveryProcessWithArgumentsByComm() throws Exception {
        NamingConfig c = config("""
                process_names:
                  - name: "{{.Comm}}"
                    cmdline:
                    - '.+'
                """);
        assertThat(c.name(proc("sshd", "/usr/sbin/sshd", "-D"))).isEqualTo("sshd");
        assertThat(c.name(proc("kworker/0:1"))).isNull();
    }

    @Test
    void theReadmeSelectorExample() throws Exception {
        NamingConfig c = config("""
                process_names:
                  # comm is the second field of /proc/<pid>/stat minus parens.
                  - comm:
                    - bash

                  # exe is argv[0]. If no slashes, only basename of argv[0] need match.
                  # If exe contains slashes, argv[0] must match exactly.
                  - exe:
                    - postgres
                    - /usr/local/bin/prometheus

                  - name: "{{.ExeFull}}:{{.Matches.Cfgfile}}"
                    exe:
                    - /usr/local/bin/process-exporter
                    cmdline:
                    - -config.path\\s+(?P<Cfgfile>\\S+)
                """);
        assertThat(c.name(proc("bash", "-bash"))).isEqualTo("-bash");
        assertThat(c.name(proc("postgres", "/usr/lib/postgresql/15/bin/postgres", "-D", "/var/lib/pg")))
                .isEqualTo("postgres");
        assertThat(c.name(proc("prometheus", "/usr/local/bin/prometheus"))).isEqualTo("prometheus");
        assertThat(c.name(proc("prometheus", "/usr/bin/prometheus"))).isNull();
        assertThat(c.name(proc("process-exporte", "/usr/local/bin/process-exporter", "-config.path", "/etc/pe.yml")))
                .isEqualTo("/usr/local/bin/process-exporter:/etc/pe.yml");
        assertThat(c.name(proc("process-exporte", "/usr/local/bin/process-exporter"))).isNull();
        assertThat(c.name(proc("sshd", "/usr/sbin/sshd"))).isNull();
    }

    @Test
    void theReadmeHomeMachineExample() throws Exception {
        NamingConfig c = config("""
                process_names:
                  - comm:
                    - chromium-browse
                    - bash
                    - prometheus
                    - gvim
                  - exe:
                    - /sbin/upstart
                    cmdline:
                    - --user
                    name: upstart:-user
                """);
        assertThat(c.name(proc("gvim", "/usr/bin/gvim", "x.txt"))).isEqualTo("gvim");
        assertThat(c.name(proc("upstart", "/sbin/upstart", "--user"))).isEqualTo("upstart:-user");
        assertThat(c.name(proc("upstart", "/sbin/upstart"))).isNull();
    }

    @Test
    void firstMatchWinsAndEveryTemplateFieldRenders() throws Exception {
        NamingConfig c = config("""
                process_names:
                  - name: "{{.Comm}}|{{.ExeBase}}|{{.ExeFull}}|{{.Username}}|{{.PID}}|{{.Cgroups}}|{{ .Matches.port_no }}"
                    cmdline: ['--port=(?P<port_no>\\d+)']
                  - name: "second"
                    comm: [java]
                """);
        assertThat(c.name(proc("java", "/opt/jdk/bin/java", "--port=8080")))
                .isEqualTo("java|java|/opt/jdk/bin/java|alice|4242|[0::/system.slice/x]|8080");
        assertThat(c.name(proc("java", "/opt/jdk/bin/java"))).isEqualTo("second");
        assertThat(c.needsCgroups()).isTrue();
    }

    @Test
    void startTimeRendersAsGoPrintsATime() {
        NameTemplate t = NameTemplate.parse("{{.StartTime}}");
        String s = t.render(proc("x"), java.util.Map.of());
        assertThat(s).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.25 [+-]\\d{4} \\S+");
    }

    @Test
    void aMissingMatchRendersAsGoDoes() throws Exception {
        NamingConfig c = config("""
                process_names:
                  - name: "{{.Matches.nope}}"
                    comm: [x]
                """);
        assertThat(c.name(proc("x"))).isEqualTo("<no value>");
    }

    @Test
    void errorsNameTheFileTheLineAndTheProblem() {
        assertThatThrownBy(() -> config("process_names:\n  - nmae: x\n    comm: [a]\n"))
                .hasMessage("process_detail config /etc/npe/names.yml:2: unknown key \"nmae\" in a process_names entry");
        assertThatThrownBy(() -> config("process_names:\n  - name: x\n"))
                .hasMessage("process_detail config /etc/npe/names.yml:2: no matchers provided (comm, exe or cmdline)");
        assertThatThrownBy(() -> config("process_names:\n  - cmdline:\n    - 'a(b'\n"))
                .hasMessageStartingWith("process_detail config /etc/npe/names.yml:3: bad cmdline regex \"a(b\"");
        assertThatThrownBy(() -> config("process_names:\n  - comm: [a]\n    name: '{{.Comm | printf \"%s\"}}'\n"))
                .hasMessageStartingWith("process_detail config /etc/npe/names.yml:3: bad name template")
                .hasMessageContaining("unsupported template construct {{.Comm | printf \"%s\"}}");
        assertThatThrownBy(() -> config("process_names:\n  - comm: [a]\n    name: '{{.Cwd}}'\n"))
                .hasMessageContaining(":3: ").hasMessageContaining("{{.Cwd}}");
        assertThatThrownBy(() -> config("process_names: {}\n"))
                .hasMessage("process_detail config /etc/npe/names.yml:1: process_names must be a list");
        assertThatThrownBy(() -> config("names: []\n"))
                .hasMessage("process_detail config /etc/npe/names.yml:1: unknown key \"names\" in the file");
        assertThatThrownBy(() -> config("process_names:\n  - comm: [a\n"))
                .hasMessageStartingWith("process_detail config /etc/npe/names.yml:").hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> NamingConfig.load(Path.of("/nonexistent/names.yml")))
                .hasMessageStartingWith("process_detail config /nonexistent/names.yml: cannot read");
    }

    @Test
    void aGroupIsPerProcessWhenItsNameHasThePidOrTheStartTime() throws Exception {
        NamingConfig c = config("""
                process_names:
                  - name: "{{.Comm}}_{{.PID}}"
                    comm: [a]
                  - name: "{{.Comm}}@{{.StartTime}}"
                    comm: [b]
                  - name: "{{.Comm}}:{{.Username}}"
                    comm: [c]
                """);
        assertThat(c.match(proc("a"))).isEqualTo(new NamingRules.Named("a_4242", true));
        assertThat(c.match(proc("b")).perProcess()).isTrue();
        assertThat(c.match(proc("c"))).isEqualTo(new NamingRules.Named("c:alice", false));
        assertThat(c.declaredGroups()).isEmpty();
    }

    @Test
    void expectDeclaresALiteralNameOrTheListedOnes() throws Exception {
        NamingConfig c = config("""
                process_names:
                  - name: nginx
                    comm: [nginx]
                    expect: true
                  - name: "{{.Comm}}"
                    comm: [postgres, sshd, cron]
                    expect: [postgres, sshd]
                  - name: other
                    comm: [other]
                    expect: false
                  - name: nginx
                    exe: [/usr/sbin/nginx]
                    expect: [nginx]
                """);
        assertThat(c.declaredGroups()).containsExactly("nginx", "postgres", "sshd");
        assertThat(c.name(proc("cron", "/usr/sbin/cron"))).isEqualTo("cron");
    }

    @Test
    void expectErrorsNameTheLine() {
        assertThatThrownBy(() -> config("process_names:\n  - name: '{{.Comm}}'\n    comm: [a]\n    expect: true\n"))
                .hasMessageStartingWith("process_detail config /etc/npe/names.yml:4: expect: true needs a literal name");
        assertThatThrownBy(() -> config("process_names:\n  - name: '{{.Comm}}_{{.PID}}'\n    comm: [a]\n    expect: [a_1]\n"))
                .hasMessageStartingWith("process_detail config /etc/npe/names.yml:4: expect cannot declare groups");
        assertThatThrownBy(() -> config("process_names:\n  - name: web\n    comm: [a]\n    expect: [www]\n"))
                .hasMessage("process_detail config /etc/npe/names.yml:4: expect lists \"www\", which this rule never "
                        + "names (its name is \"web\")");
        assertThatThrownBy(() -> config("process_names:\n  - name: web\n    comm: [a]\n    expect: maybe\n"))
                .hasMessageContaining(":4: expect must be true or false");
    }
}
