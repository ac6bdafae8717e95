package org.nodeprocessexporter.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsFilesTest {
    @Test
    void parsesUnsignedNumbersInGoBaseZeroSyntax() {
        assertThat(SysfsFiles.parseUnsignedAnyBase("0")).isZero();
        assertThat(SysfsFiles.parseUnsignedAnyBase("42")).isEqualTo(42);
        assertThat(SysfsFiles.parseUnsignedAnyBase("0x2d0")).isEqualTo(720);
        assertThat(SysfsFiles.parseUnsignedAnyBase("0X1F")).isEqualTo(31);
        assertThat(SysfsFiles.parseUnsignedAnyBase("010")).isEqualTo(8);
        assertThat(SysfsFiles.parseUnsignedAnyBase("0o17")).isEqualTo(15);
        assertThat(SysfsFiles.parseUnsignedAnyBase("0b101")).isEqualTo(5);
        assertThat(SysfsFiles.parseUnsignedAnyBase("0xffffffffffffffff")).isEqualTo(-1L);
        assertThat(SysfsFiles.parseUnsignedAnyBase("18446744073709551615")).isEqualTo(-1L);
    }

    @Test
    void rejectsWhatGoRejects() {
        for (String bad : new String[] {"", "0x", "-1", "+1", "08", "0x10000000000000000", "N/A (no PMA)", "1 "}) {
            assertThatThrownBy(() -> SysfsFiles.parseUnsignedAnyBase(bad)).as(bad)
                    .isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void convertsUnsignedToTheNearestDouble() {
        assertThat(SysfsFiles.unsignedToDouble(7)).isEqualTo(7.0);
        assertThat(SysfsFiles.unsignedToDouble(-1L)).isEqualTo(1.8446744073709552E19);
        assertThat(SysfsFiles.unsignedToDouble(Long.MIN_VALUE)).isEqualTo(9.223372036854775808E18);
        assertThat(SysfsFiles.unsignedToDouble(0xfffffffffffffbffL)).isEqualTo(1.844674407370955E19);
    }

    @Test
    void optionalGivesTheTrimmedTextOrNullLikeFilesReadString(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mtu"), "1500\n");
        Files.write(dir.resolve("empty"), new byte[0]);
        Files.writeString(dir.resolve("alias"), "  caf\u00e9 uplink \n");
        Files.write(dir.resolve("garbled"), new byte[] {'a', (byte) 0xff, 'b', '\n'});
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            big.append(i).append(' ');
        }
        Files.writeString(dir.resolve("big"), big);
        for (String name : new String[] {"mtu", "empty", "alias", "garbled", "big", "missing"}) {
            Path f = dir.resolve(name);
            String viaJdk;
            try {
                viaJdk = Files.readString(f).trim();
            } catch (java.io.IOException e) {
                viaJdk = null;
            }
            assertThat(SysfsFiles.optional(f)).as(name).isEqualTo(viaJdk);
        }
        assertThat(SysfsFiles.optional(dir.resolve("mtu"))).isEqualTo("1500");
        assertThat(SysfsFiles.optional(dir.resolve("garbled"))).isNull();
        assertThat(SysfsFiles.optional(dir.resolve("big"))).hasSize(big.length() - 1);
    }

    @Test
    void anAttributeTheDriverRefusesIsNull() {
        // the loopback device has no link speed: the kernel answers EINVAL
        Path speed = Path.of("/sys/class/net/lo/speed");
        assertThat(speed).exists(); // every Linux network namespace has lo
        assertThat(SysfsFiles.optional(speed)).isNull();
        assertThat(SysfsFiles.optional(Path.of("/sys/class/net/lo/mtu"))).matches("[0-9]+");
    }
}
