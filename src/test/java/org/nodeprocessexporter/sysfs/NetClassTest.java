package org.nodeprocessexporter.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetClassTest {
    @Test
    void numbersAreReadLikeGoParseIntBaseZero() {
        NetClass n = new NetClass("x", Map.of("flags", "0x1003", "speed", "-1", "mtu", "1500", "dev_id", "0x0",
                "odd", "010", "duplex", "full"));
        assertThat(n.number("flags")).isEqualTo(4099L);
        assertThat(n.number("speed")).isEqualTo(-1L);
        assertThat(n.number("mtu")).isEqualTo(1500L);
        assertThat(n.number("dev_id")).isZero();
        assertThat(n.number("odd")).isEqualTo(8L);
        assertThat(n.number("duplex")).isNull();
        assertThat(n.number("carrier")).isNull();
    }

    @Test
    void readsOnlyWhatExistsAndListsDirectoriesOnly(@TempDir Path sys) throws Exception {
        Path eth = Files.createDirectories(sys.resolve("class/net/eth0"));
        Files.writeString(eth.resolve("mtu"), "9000\n");
        Files.writeString(sys.resolve("class/net/bonding_masters"), "bond0\n");
        assertThat(NetClass.devices(sys)).containsExactly("eth0");
        assertThat(NetClass.read(sys, "eth0").attributes()).containsExactly(Map.entry("mtu", "9000"));
    }

    /** The kernel refuses carrier, dormant, duplex and speed with EINVAL unless the interface is up. */
    @Test
    void whatAnInterfaceThatIsNotUpWouldRefuseIsNotRead(@TempDir Path sys) throws Exception {
        Path eth = Files.createDirectories(sys.resolve("class/net/eth1"));
        for (String a : new String[] {"carrier", "dormant", "duplex", "speed", "mtu", "operstate"}) {
            Files.writeString(eth.resolve(a), "1\n"); // a fixture can hold what the kernel would refuse
        }
        Files.writeString(eth.resolve("flags"), "0x1002\n");
        assertThat(NetClass.read(sys, "eth1").attributes()).containsOnlyKeys("flags", "mtu", "operstate");
        Files.writeString(eth.resolve("flags"), "0x1003\n");
        assertThat(NetClass.read(sys, "eth1").attributes())
                .containsOnlyKeys("flags", "mtu", "operstate", "carrier", "dormant", "duplex", "speed");
        Files.delete(eth.resolve("flags"));
        assertThat(NetClass.read(sys, "eth1").attributes()).containsKey("carrier");
    }

    @Test
    void liveEveryReadableAttributeIsRead() throws Exception {
        for (String iface : NetClass.devices(Path.of("/sys"))) {
            Map<String, String> attrs = NetClass.read(Path.of("/sys"), iface).attributes();
            for (String a : new String[] {"carrier", "dormant", "duplex", "speed", "mtu"}) {
                String direct;
                try {
                    direct = Files.readString(Path.of("/sys/class/net", iface, a)).trim();
                } catch (java.io.IOException e) {
                    direct = null;
                }
                if (direct != null && !a.equals("carrier") && !a.equals("dormant")) {
                    assertThat(attrs.get(a)).as(iface + " " + a).isEqualTo(direct);
                } else {
                    assertThat(attrs.containsKey(a)).as(iface + " " + a).isEqualTo(direct != null);
                }
            }
        }
    }
}
