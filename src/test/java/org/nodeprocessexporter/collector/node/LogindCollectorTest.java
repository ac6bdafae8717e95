package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nodeprocessexporter.collector.CollectorContext;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.NspawnSystemd;

/**
 * The logind collector against a real systemd-logind in an nspawn container, which has one seat
 * ({@code seat0}) and one session: {@code npe-session.service}'s {@code runuser -l tester}, opened
 * through pam_systemd without a terminal, so of type {@code unspecified} and class
 * {@code background}, local, on no seat.
 */
class LogindCollectorTest {
    @RegisterExtension
    static final NspawnSystemd systemd = NspawnSystemd.perClass();

    @Test
    void everyCombinationForEverySeatAndTheOneSessionCounted() throws Exception {
        assertThat(systemd.busctl("call", "org.freedesktop.login1", "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager", "ListSeats")).isEqualTo("a(so) 1 \"seat0\" \"/org/freedesktop/login1/seat/seat0\"");
        String listed = systemd.busctl("call", "org.freedesktop.login1", "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager", "ListSessions");
        String session = listed.substring(listed.lastIndexOf(' ') + 2, listed.length() - 1);
        assertThat(systemd.busctl("get-property", "org.freedesktop.login1", session, "org.freedesktop.login1.Session",
                "Remote", "Type", "Class", "Seat")).isEqualTo("b false s \"unspecified\" s \"background\" (so) \"\" \"/\"");

        LogindCollector c = new LogindCollector(CollectorContext.fromFlags(CollectorHarness.flags(LogindCollector.SPEC)),
                systemd.busAddress());
        Map<String, Double> samples = ScrapedSamples.of(CollectorHarness.scrape(c));
        assertThat(samples).hasSize(2 * 7 * 5 * 2); // remote x type x class x (seat0 and "")
        assertThat(samples).containsEntry(
                "node_logind_sessions{class=\"background\",remote=\"false\",seat=\"\",type=\"unspecified\"}", 1.0);
        assertThat(samples.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1.0);
        assertThat(samples).containsKeys(
                "node_logind_sessions{class=\"lock-screen\",remote=\"true\",seat=\"seat0\",type=\"wayland\"}",
                "node_logind_sessions{class=\"other\",remote=\"true\",seat=\"\",type=\"other\"}");
        assertThat(CollectorHarness.scrape(c)).startsWith("""
                # HELP node_logind_sessions Number of sessions registered in logind.
                # TYPE node_logind_sessions gauge
                node_logind_sessions{class="background",remote="false",seat="",type="mir"} 0.0
                """);
    }

    @Test
    void noFlagsAndOffByDefault() {
        assertThat(LogindCollector.SPEC.flags()).isEmpty();
        assertThat(LogindCollector.SPEC.enabledByDefault()).isFalse();
    }
}
