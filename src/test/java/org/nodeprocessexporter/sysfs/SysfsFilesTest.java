package org.nodeprocessexporter.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
}
