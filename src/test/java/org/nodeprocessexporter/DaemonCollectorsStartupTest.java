package org.nodeprocessexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The ntp and supervisord collectors' start-up checks stop the exporter with one line and status 1. */
class DaemonCollectorsStartupTest {
    private static String refused(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "--web.listen-address=127.0.0.1:0";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        String line = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).startsWith("node-process-exporter: error: ").doesNotContain("\n");
        return line;
    }

    @Test
    void aPublicNtpServerWithoutServerIsLocal() {
        assertThat(refused("--collector.ntp", "--collector.ntp.server=192.0.2.1"))
                .endsWith("only IP address of local NTP server is valid for --collector.ntp.server");
    }

    @Test
    void aSupervisordUrlWeCannotPostTo() {
        assertThat(refused("--collector.supervisord", "--collector.supervisord.url=ftp://localhost/RPC2"))
                .contains("--collector.supervisord.url: unsupported scheme \"ftp\"");
    }
}
