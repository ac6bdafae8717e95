package org.nodeprocessexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad input stops start-up with one line naming the problem and status 1. */
class StartupTest {
    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertFails(Result r, String message) {
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("node-process-exporter: error: " + message);
        assertThat(r.err().strip()).doesNotContain("\n");
    }

    @Test
    void unknownFlag() {
        assertFails(run("--web.listen-adress=:9100"), "unknown long flag '--web.listen-adress', try --help");
    }

    @Test
    void flagWithoutItsValue() {
        assertFails(run("--web.telemetry-path"), "expected argument for flag --web.telemetry-path");
    }

    @Test
    void valueOfTheWrongType() {
        assertFails(run("--web.max-requests=many"), "invalid value \"many\" for flag --web.max-requests");
        assertFails(run("--collector.scrape-timeout=10"), "invalid value \"10\" for flag --collector.scrape-timeout");
        assertFails(run("--log.level=verbose"), "invalid value \"verbose\" for flag --log.level");
        assertFails(run("--log.format=xml"), "invalid value \"xml\" for flag --log.format");
    }

    @Test
    void invalidListenAddress() {
        assertFails(run("--web.listen-address=localhost"), "invalid listen address \"localhost\": missing port");
        assertFails(run("--web.listen-address=::1:9100"), "invalid listen address \"::1:9100\"");
    }

    @Test
    void portAlreadyInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Result r = run("--web.listen-address=" + address);
            assertFails(r, "listen tcp " + address + ": bind: ");
            assertThat(r.err()).doesNotContain("try --help");
        }
    }

    @Test
    void aMissingWebConfigFileStopsStartUp() {
        assertFails(run("--web.config.file=/nonexistent/web.yml"), "web config /nonexistent/web.yml");
    }

    @Test
    void aBrokenWebConfigFileNamesFileAndLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("web.yml");
        java.nio.file.Files.writeString(file, "basic_auth_users:\n  alice: notahash\ntls_server_confg: {}\n");
        Result r = run("--web.config.file=" + file);
        assertFails(r, "web config " + file + ":");
    }

    @Test
    void helpListsFlagsAndVersionPrintsTheBuild() {
        Result help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("usage: node-process-exporter [<flags>]")
                .contains("--web.listen-address=ADDRESS ...").contains("--[no-]collector.loadavg");
        Result version = run("--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("node-process-exporter, version ").contains("java version:");
    }
}
