package org.nodeprocessexporter.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.procfs.MountStats.MalformedException;
import org.nodeprocessexporter.procfs.MountStats.NfsMount;
import org.nodeprocessexporter.procfs.MountStats.Operation;
import org.nodeprocessexporter.procfs.MountStats.Transport;

class MountStatsTest {

    private static MountStats parse(String text) throws MalformedException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return MountStats.parse(b, b.length);
    }

    /** A device line and header of an NFS mount, followed by {@code rest}. */
    private static String nfs(String statvers, String rest) {
        return "device srv:/x mounted on /mnt with fstype nfs statvers=" + statvers + "\n"
                + "\topts:\trw,vers=3\n\tage:\t7\n" + rest;
    }

    private static final String PER_OP = "\tper-op statistics\n\t        NULL: 1 2 3 4 5 6 7 8 9\n\n";

    @Test
    void theFixtureOfEveryKindOfMount() throws Exception {
        byte[] b = Fixtures.bytes("proc/self/mountstats");
        MountStats s = MountStats.parse(b, b.length);
        assertThat(s.mounts()).isEqualTo(11);
        assertThat(s.nfsMounts()).extracting(NfsMount::index).containsExactly(3, 4, 6, 7, 8, 9);
        assertThat(s.nfsMounts()).extracting(NfsMount::mountPoint).containsExactly("/mnt/nfs3",
                "/mnt/nfs3\\040again", "/mnt/nfs4", "/mnt/udp", "/mnt/rdma", "/mnt/legacy");

        NfsMount v3 = s.nfsMounts().get(0);
        assertThat(v3.device()).isEqualTo("192.168.1.10:/srv/export");
        assertThat(v3.fsType()).isEqualTo("nfs");
        assertThat(v3.statVersion()).isEqualTo("1.1");
        assertThat(v3.ageSeconds()).isEqualTo(13968);
        assertThat(v3.bytes()).containsExactly(50405376, 25178112, 0, 0, 50429952, 25178112, 12312, 6147);
        assertThat(v3.events()).hasSize(27).startsWith(333, 444, 555).endsWith(3219);
        assertThat(v3.transports()).containsExactly(
                new Transport("tcp", 832, 0, 1, 0, 11, 19284, 19284, 0, 36462, 0, 2, 0, 21));
        assertThat(v3.operations()).hasSize(22);
        assertThat(v3.operations().get(6))
                .isEqualTo(new Operation("READ", 12303, 12303, 0, 1623996, 1427148, 6151, 36909, 43060, 0));
        assertThat(v3.operations().get(3).errors()).isEqualTo(50);

        NfsMount v4 = s.nfsMounts().get(2);
        assertThat(v4.fsType()).isEqualTo("nfs4");
        assertThat(v4.operations()).hasSize(69).first().extracting(Operation::name).isEqualTo("NULL");
        assertThat(v4.transports()).extracting(Transport::port).containsExactly(761L, 762L);

        assertThat(s.nfsMounts().get(3).transports()).containsExactly(
                new Transport("udp", 937, 0, 0, 0, 0, 80, 80, 2, 110, 0, 16, 0, 3));
        assertThat(s.nfsMounts().get(4).transports()).containsExactly(
                new Transport("rdma", 0, 0, 1, 0, 3, 1200, 1200, 0, 1240, 0, 0, 0, 0));
        assertThat(s.nfsMounts().get(4).operations().get(1).queueMilliseconds()).isEqualTo(9007199254741000L);

        NfsMount legacy = s.nfsMounts().get(5);
        assertThat(legacy.statVersion()).isEqualTo("1.0");
        assertThat(legacy.transports()).containsExactly(
                new Transport("tcp", 1001, 1, 1, 0, 0, 120, 120, 0, 126, 0, 0, 0, 0));
        assertThat(legacy.operations()).allSatisfy(op -> assertThat(op.errors()).isZero());
    }

    @Test
    void readsThroughTheBufferAndTellsAMissingFile(@TempDir Path dir) throws Exception {
        ProcFile buffer = new ProcFile(64); // smaller than a line: the buffer grows
        MountStats s = MountStats.read(Fixtures.path("proc/self/mountstats"), buffer);
        byte[] b = Fixtures.bytes("proc/self/mountstats");
        assertThat(s).isEqualTo(MountStats.parse(b, b.length));
        assertThatThrownBy(() -> MountStats.read(dir.resolve("mountstats"), buffer))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void statvers10TransportsHaveTheirOwnLengths() throws Exception {
        assertThat(parse(nfs("1.0", "\txprt:\tudp 1 2 3 4 5 6 7\n" + PER_OP)).nfsMounts().get(0).transports())
                .containsExactly(new Transport("udp", 1, 2, 0, 0, 0, 3, 4, 5, 6, 7, 0, 0, 0));
        assertThat(parse(nfs("1.0", "\txprt:\ttcp 1 2 3 4 5 6 7 8 9 10\n")).nfsMounts().get(0).transports())
                .containsExactly(new Transport("tcp", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0, 0));
        assertThatThrownBy(() -> parse(nfs("1.0", "\txprt:\ttcp 1 2 3 4 5 6 7 8 9 10 11 12 13\n")))
                .isInstanceOf(MalformedException.class).hasMessageContaining("statvers 1.0");
        assertThatThrownBy(() -> parse(nfs("1.0", "\txprt:\trdma " + "0 ".repeat(20) + "\n")))
                .isInstanceOf(MalformedException.class);
    }

    @Test
    void statvers11TransportLengths() throws Exception {
        assertThat(parse(nfs("1.1", "\txprt:\tudp 1 2 3 4 5 6 7 8 9 10\n")).nfsMounts().get(0).transports())
                .containsExactly(new Transport("udp", 1, 2, 0, 0, 0, 3, 4, 5, 6, 7, 8, 9, 10));
        for (String bad : List.of("tcp 1 2 3 4 5 6 7 8 9 10 11 12", "tcp 1 2 3 4 5 6 7 8 9 10 11 12 13 14",
                "udp 1 2 3 4 5 6 7", "rdma" + " 1".repeat(19), "local" + " 1".repeat(12), "tcp")) {
            assertThatThrownBy(() -> parse(nfs("1.1", "\txprt:\t" + bad + "\n"))).as(bad)
                    .isInstanceOf(MalformedException.class);
        }
        for (int count : new int[] {20, 28, 40}) { // 20 before Linux 4.3, 28 since 4.14; longer is read too
            assertThat(parse(nfs("1.1", "\txprt:\trdma" + " 1".repeat(count) + "\n")).nfsMounts().get(0)
                    .transports()).hasSize(1);
        }
    }

    @Test
    void anUnknownStatVersionFailsOnlyWithATransport() throws Exception {
        assertThat(parse(nfs("1.2", PER_OP)).nfsMounts().get(0).statVersion()).isEqualTo("1.2");
        assertThatThrownBy(() -> parse(nfs("1.2", "\txprt:\ttcp 1 2 3 4 5 6 7 8 9 10 11 12 13\n")))
                .isInstanceOf(MalformedException.class).hasMessageContaining("version");
    }

    @Test
    void countersMustHaveTheirExactLength() {
        assertThatThrownBy(() -> parse(nfs("1.1", "\tbytes:\t1 2 3 4 5 6 7\n"))).isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> parse(nfs("1.1", "\tbytes:\t1 2 3 4 5 6 7 8 9\n"))).isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> parse(nfs("1.1", "\tevents:\t" + "1 ".repeat(26) + "\n")))
                .isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> parse(nfs("1.1", "\tbytes:\n"))).isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> parse(nfs("1.1", "\topts:\n"))).isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> parse(nfs("1.1", "\tage:\n"))).isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> parse(nfs("1.1", "\tbytes:\t1 2 3 4 5 6 7 x\n"))).isInstanceOf(MalformedException.class);
    }

    @Test
    void numbersAreUnsigned64Bit() throws Exception {
        NfsMount m = parse(nfs("1.1", "\tbytes:\t18446744073709551615 9223372036854775808 0 0 0 0 0 0\n"))
                .nfsMounts().get(0);
        assertThat(m.bytes()[0]).isEqualTo(-1L); // 2^64 - 1
        assertThat(m.bytes()[1]).isEqualTo(Long.MIN_VALUE); // 2^63
        for (String bad : List.of("18446744073709551616", "-1", "+1", "0x10", "1.5")) {
            assertThatThrownBy(() -> parse(nfs("1.1", "\tbytes:\t" + bad + " 0 0 0 0 0 0 0\n"))).as(bad)
                    .isInstanceOf(MalformedException.class);
        }
    }

    @Test
    void theAgeIsAGoDurationInSeconds() throws Exception {
        assertThat(parse(nfs("1.1", "")).nfsMounts().get(0).ageSeconds()).isEqualTo(7);
        assertThat(parse("device a:/ mounted on /m with fstype nfs statvers=1.1\n\tage:\t9223372036\n")
                .nfsMounts().get(0).ageSeconds()).isEqualTo(9223372036L);
        assertThatThrownBy(() -> parse("device a:/ mounted on /m with fstype nfs statvers=1.1\n\tage:\t9223372037\n"))
                .isInstanceOf(MalformedException.class);
    }

    @Test
    void perOpLinesNeedEightNumbersAndMayHaveMore() throws Exception {
        Operation eight = parse(nfs("1.1", "\tper-op statistics\n\tREAD: 1 2 3 4 5 6 7 8\n")).nfsMounts().get(0)
                .operations().get(0);
        assertThat(eight).isEqualTo(new Operation("READ", 1, 2, 3, 4, 5, 6, 7, 8, 0));
        Operation ten = parse(nfs("1.1", "\tper-op statistics\n\tREAD: 1 2 3 4 5 6 7 8 9 10\n")).nfsMounts().get(0)
                .operations().get(0);
        assertThat(ten.errors()).isEqualTo(9);
        assertThat(parse(nfs("1.1", "\tper-op statistics\n\t  17: 1 2 3 4 5 6 7 8 9\n")).nfsMounts().get(0)
                .operations().get(0).name()).isEqualTo("17");
        assertThatThrownBy(() -> parse(nfs("1.1", "\tper-op statistics\n\tREAD: 1 2 3 4 5 6 7\n")))
                .isInstanceOf(MalformedException.class).hasMessageContaining("per-operation");
        assertThatThrownBy(() -> parse(nfs("1.1", "\tper-op statistics\n\tREAD: 1 2 3 4 5 6 7 8 nine\n")))
                .isInstanceOf(MalformedException.class);
    }

    @Test
    void deviceLinesAreCheckedWordByWord() throws Exception {
        assertThat(parse("device none mounted on /x with fstype tmpfs\n\ngarbage line\n").mounts()).isEqualTo(1);
        assertThatThrownBy(() -> parse("device none mounted at /x with fstype tmpfs\n"))
                .isInstanceOf(MalformedException.class).hasMessageContaining("device");
        assertThatThrownBy(() -> parse("device none mounted on /x with fstype\n")).isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> parse("device /dev/sda mounted on / with fstype ext4 statvers=1.1\n"))
                .isInstanceOf(MalformedException.class).hasMessageContaining("ext4");
        assertThat(parse("device x:/ mounted on /x with fstype nfs\n").nfsMounts()).isEmpty(); // no statistics
        assertThat(parse("device x:/ mounted on /x with fstype nfs 1.1\n").nfsMounts().get(0).statVersion())
                .isEqualTo("1.1");
    }

    @Test
    void theNextMountMustFollowABlankLine() {
        // without the blank line, the next device line is read as a per-op line, as upstream reads it
        assertThatThrownBy(() -> parse(nfs("1.1", "\tper-op statistics\n\tNULL: 1 2 3 4 5 6 7 8 9\n"
                + "device proc mounted on /proc with fstype proc\n"))).isInstanceOf(MalformedException.class);
    }

    @Test
    void aBlankLineEndsTheHeaderAndThePerOpLinesAreLookedForAfterIt() throws Exception {
        MountStats s = parse(nfs("1.1", "\n\tNULL: 1 2 3 4 5 6 7 8 9\n\ndevice proc mounted on /proc with fstype proc\n"));
        assertThat(s.mounts()).isEqualTo(2);
        assertThat(s.nfsMounts().get(0).operations()).hasSize(1);
        assertThatThrownBy(() -> parse(nfs("1.1", "\ndevice proc mounted on /proc with fstype proc\n")))
                .isInstanceOf(MalformedException.class);
    }

    @Test
    void unknownHeaderLinesAndTheLastLineWithoutNewlineAreRead() throws Exception {
        NfsMount m = parse(nfs("1.1", "\tcaps:\tcaps=0x3fef\n\tnfsv4:\tbm0=0x1\n\tfsc:\t1 2 3\n"
                + "\tRPC iostats version: 1.1  p/v: 100003/3 (nfs)\n\txprt:\tudp 1 2 3 4 5 6 7 8 9 10"))
                .nfsMounts().get(0);
        assertThat(m.transports()).hasSize(1);
        assertThat(m.operations()).isEmpty();
    }

    @Test
    void fieldsAreSplitAtAnyAsciiWhiteSpace() throws Exception {
        NfsMount m = parse("device  a:/b \t mounted on /m with fstype nfs4 statvers=1.1\r\n"
                + " \tbytes: 1\u000b2 3\f4 5 6 7 8\r\n").nfsMounts().get(0);
        assertThat(m.device()).isEqualTo("a:/b");
        assertThat(m.bytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }
}
