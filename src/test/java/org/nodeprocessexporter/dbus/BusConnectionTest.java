package org.nodeprocessexporter.dbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.testsupport.FakeBus;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/** How a connection fails: never by hanging past its timeout, never with anything but an IOException. */
class BusConnectionTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    /** Longer than the test may take: a failure then comes from the bus, not from the deadline. */
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void systemBusAddressIsGodbusDefaultUnlessTheVariableSaysOtherwise() {
        assertThat(BusConnection.systemBusAddress(Map.of())).isEqualTo("unix:path=/var/run/dbus/system_bus_socket");
        assertThat(BusConnection.systemBusAddress(Map.of("DBUS_SYSTEM_BUS_ADDRESS", ""))).isEqualTo(
                "unix:path=/var/run/dbus/system_bus_socket");
        assertThat(BusConnection.systemBusAddress(Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/x"))).isEqualTo(
                "unix:path=/x");
    }

    @Test
    void noSocketFailsAtOnceNamingTheAddress(@TempDir Path dir) {
        String address = "unix:path=" + dir.resolve("none");
        assertThatThrownBy(() -> BusConnection.open(address, true, Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class).hasMessageContaining(address);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    @Timeout(30)
    void theNextAddressOfAListIsTriedWhenOneFails(@TempDir Path dir) throws Exception {
        try (FakeBus bus = new FakeBus(dir, FakeBus.Mode.CLOSE, null)) {
            String missing = "unix:path=" + dir.resolve("none");
            // both fail, the last error is reported
            assertThatThrownBy(() -> BusConnection.open(missing + ";" + bus.address(), true, LONG))
                    .isInstanceOf(IOException.class).hasMessageContaining(bus.address());
        }
        assertThatThrownBy(() -> BusConnection.open(";", true, LONG)).isInstanceOf(IOException.class)
                .hasMessageContaining("no D-Bus address");
        // only unix sockets: dbus-java's TCP transport is not included
        assertThatThrownBy(() -> BusConnection.open("tcp:host=localhost,port=1", true, LONG))
                .isInstanceOf(IOException.class).hasMessageNotContaining("no answer");
    }

    @Test
    @Timeout(30)
    void aBusThatNeverAnswersFailsWhenTheTimeoutPassesAndLeavesTheThreadUninterrupted(@TempDir Path dir)
            throws Exception {
        try (FakeBus bus = new FakeBus(dir, FakeBus.Mode.SILENT, null)) {
            assertThatThrownBy(() -> BusConnection.open(bus.address(), true, SHORT))
                    .isInstanceOf(IOException.class).hasMessageContaining("no answer from D-Bus within 0.3s");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
        // after the handshake, a Hello without a reply
        try (FakeBus bus = new FakeBus(dir, FakeBus.Mode.AUTH_THEN_BYTES, new byte[0])) {
            assertThatThrownBy(() -> BusConnection.open(bus.address(), true, SHORT))
                    .isInstanceOf(IOException.class).hasMessageContaining("no answer from D-Bus within 0.3s");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    @Timeout(30)
    void aBusThatHangsUpFailsAtOnceWithoutRetrying(@TempDir Path dir) throws Exception {
        try (FakeBus bus = new FakeBus(dir, FakeBus.Mode.CLOSE, null)) {
            // a timeout the test would hit: the failure must come from the hang-up, not the deadline
            assertThatThrownBy(() -> BusConnection.open(bus.address(), true, LONG))
                    .isInstanceOf(IOException.class).hasMessageNotContaining("no answer");
        }
    }

    /** Whatever comes back after the handshake, the Hello fails with an IOException, within the timeout. */
    @Property(tries = 40)
    void garbageFromTheBusIsAnIOException(@ForAll @Size(max = 300) byte[] reply) throws Exception {
        Path dir = Files.createTempDirectory("fakebus");
        try (FakeBus bus = new FakeBus(dir, FakeBus.Mode.AUTH_THEN_BYTES, reply)) {
            assertThatThrownBy(() -> BusConnection.open(bus.address(), true, Duration.ofMillis(200)))
                    .isInstanceOf(IOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void repliesAreMadePlain() {
        assertThat(BusConnection.plain(new Variant<>(new UInt32(7)))).isEqualTo(7L);
        assertThat(BusConnection.plain(new UInt64(new java.math.BigInteger("18446744073709551615")))).isEqualTo(-1L);
        assertThat(BusConnection.plain(new Variant<>("x"))).isEqualTo("x");
        assertThat(BusConnection.plain(new Variant<>(true))).isEqualTo(true);
        assertThat(BusConnection.plain(new org.freedesktop.dbus.ObjectPath("", "/a/b"))).isEqualTo("/a/b");
        Object[] struct = (Object[]) BusConnection.plain(new Object[] {"s", new UInt32(1), List.of(new UInt64(2))});
        assertThat(struct).containsExactly("s", 1L, List.of(2L));
        assertThat(BusConnection.plain(2.5)).isEqualTo(2.5);
    }
}
