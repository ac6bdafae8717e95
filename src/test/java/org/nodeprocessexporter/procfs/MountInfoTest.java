package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountInfoTest {
    @Test
    void parsesFieldsAroundTheOptionalOnes() throws IOException {
        List<MountInfo> m = MountInfo.parse("""
                27 1 254:1 / / rw,relatime shared:1 master:2 - ext4 /dev/vda1 rw,discard
                33 27 254:1 /home /mnt/my\\040home\\011x rw,relatime - ext4 /dev/vda1 rw
                """);
        assertThat(m).containsExactly(
                new MountInfo(254, 1, "/", "rw,relatime", "ext4", "/dev/vda1", "rw,discard"),
                new MountInfo(254, 1, "/mnt/my home\tx", "rw,relatime", "ext4", "/dev/vda1", "rw"));
    }

    @Test
    void readOnlyWhenEitherOptionListSaysRo() throws IOException {
        List<MountInfo> m = MountInfo.parse("""
                1 1 8:1 / /a ro,relatime - ext4 /dev/a rw
                2 1 8:2 / /b rw,relatime - ext4 /dev/b errors=remount-ro,ro
                3 1 8:3 / /c rw,relatime - nfs x:/ rw,proto=tcp,errors=remount-ro
                """);
        assertThat(m).extracting(MountInfo::readOnly).containsExactly(true, true, false);
    }

    @Test
    void malformedLinesAreErrors() {
        assertThatThrownBy(() -> MountInfo.parse("27 1 254:1 / / rw,relatime ext4 /dev/vda1 rw\n"))
                .hasMessageContaining("malformed mountinfo");
        assertThatThrownBy(() -> MountInfo.parse("27 1 x:1 / / rw - ext4 /dev/vda1 rw\n"))
                .hasMessageContaining("major:minor");
    }

    @Test
    void fallsBackToOwnMountsWhenInitsAreHidden(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/mountinfo"), "27 1 254:1 / / rw - ext4 /dev/vda1 rw\n");
        assertThat(MountInfo.readHost(proc)).extracting(MountInfo::mountPoint).containsExactly("/");
    }
}
