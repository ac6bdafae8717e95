package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.procfs.ProcCgroup;

/**
 * cgroup_info's labels from the cgroup files of systemd services and sessions, docker,
 * containerd/kubepods, CRI-O and podman ({@code fixtures/cgroup}, written by
 * {@code scripts/capture-fixtures-procdetail-cgroup.sh}: captured here where the runtime runs here,
 * by hand from the runtimes' layouts where it does not).
 */
class CgroupPlacementTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/cgroup");
    private static final String ID1 = "3f4c2a1b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b";
    private static final String ID2 = "9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
    private static final String UID = "6f1e0b7c-3d2a-4e8f-9b1c-2a3b4c5d6e7f";
    private static final String UID_ = UID.replace('-', '_');

    static CgroupPlacement placement(String file) throws Exception {
        byte[] b = Files.readAllBytes(DIR.resolve(file));
        return CgroupPlacement.of(ProcCgroup.parse(b, b.length));
    }

    @Test
    void everyLayoutGivesItsUnitContainerAndPod() throws Exception {
        String podman = Files.readString(DIR.resolve("podman-cgroupfs-hybrid.id")).strip();
        String burstable = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID_ + ".slice/";
        Map<String, CgroupPlacement> expected = new TreeMap<>();
        expected.put("systemd-service-v2", new CgroupPlacement("/system.slice/nginx.service", "nginx.service", "", ""));
        expected.put("systemd-init-v2", new CgroupPlacement("/init.scope", "init.scope", "", ""));
        expected.put("systemd-user-manager-v2", new CgroupPlacement(
                "/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-firefox-2345.scope",
                "user@1000.service", "", ""));
        expected.put("systemd-session-v1", new CgroupPlacement("/user.slice/user-1000.slice/session-3.scope",
                "session-3.scope", "", ""));
        expected.put("systemd-service-hybrid", new CgroupPlacement("/system.slice/ssh.service", "ssh.service", "", ""));
        expected.put("systemd-service-deleted-v2", new CgroupPlacement("/system.slice/cron.service", "cron.service", "", ""));
        expected.put("docker-systemd-v2", new CgroupPlacement("/system.slice/docker-" + ID1 + ".scope",
                "docker-" + ID1 + ".scope", ID1, ""));
        expected.put("docker-cgroupfs-v1", new CgroupPlacement("/docker/" + ID1, "", ID1, ""));
        expected.put("docker-cgroupfs-v2", new CgroupPlacement("/docker/" + ID1, "", ID1, ""));
        expected.put("kubepods-burstable-containerd-systemd-v2", new CgroupPlacement(
                burstable + "cri-containerd-" + ID1 + ".scope", "cri-containerd-" + ID1 + ".scope", ID1, UID));
        expected.put("kubepods-besteffort-containerd-systemd-v2", new CgroupPlacement(
                "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + UID_ + ".slice/cri-containerd-"
                        + ID2 + ".scope", "cri-containerd-" + ID2 + ".scope", ID2, UID));
        expected.put("kubepods-guaranteed-containerd-systemd-v2", new CgroupPlacement(
                "/kubepods.slice/kubepods-pod" + UID_ + ".slice/cri-containerd-" + ID1 + ".scope",
                "cri-containerd-" + ID1 + ".scope", ID1, UID));
        expected.put("kubepods-burstable-cgroupfs-v1", new CgroupPlacement("/kubepods/burstable/pod" + UID + "/" + ID1,
                "", ID1, UID));
        expected.put("kubepods-besteffort-cgroupfs-v2", new CgroupPlacement("/kubepods/besteffort/pod" + UID + "/" + ID2,
                "", ID2, UID));
        expected.put("kubepods-burstable-dockershim-systemd-v2", new CgroupPlacement(
                burstable + "docker-" + ID1 + ".scope", "docker-" + ID1 + ".scope", ID1, UID));
        expected.put("crio-systemd-v2", new CgroupPlacement(burstable + "crio-" + ID1 + ".scope",
                "crio-" + ID1 + ".scope", ID1, UID));
        expected.put("crio-conmon-systemd-v2", new CgroupPlacement(burstable + "crio-conmon-" + ID1 + ".scope",
                "crio-conmon-" + ID1 + ".scope", "", UID));
        expected.put("podman-systemd-v2", new CgroupPlacement("/machine.slice/libpod-" + ID1 + ".scope/container",
                "libpod-" + ID1 + ".scope", ID1, ""));
        expected.put("podman-conmon-systemd-v2", new CgroupPlacement("/machine.slice/libpod-conmon-" + ID1 + ".scope",
                "libpod-conmon-" + ID1 + ".scope", "", ""));
        expected.put("podman-rootless-v2", new CgroupPlacement(
                "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID2 + ".scope",
                "user@1000.service", ID2, ""));
        expected.put("podman-cgroupfs-hybrid", new CgroupPlacement("/libpod_parent/libpod-" + podman, "", podman, ""));
        expected.put("podman-conmon-cgroupfs-hybrid", new CgroupPlacement("/libpod_parent/conmon", "", "", ""));
        expected.put("this-machine-hybrid", new CgroupPlacement("/process_api/315d82520cab5a3c8406dab88e1d1a5f",
                "", "", ""));
        try (var files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".id")))
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        for (Map.Entry<String, CgroupPlacement> e : expected.entrySet()) {
            assertThat(placement(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void theRootAndNothing() {
        assertThat(of("0::/\n")).isEqualTo(new CgroupPlacement("/", "", "", ""));
        assertThat(of("")).isEqualTo(CgroupPlacement.UNKNOWN);
        // a cgroup path seen from another cgroup namespace
        assertThat(of("0::/../../system.slice/nginx.service\n").unit()).isEqualTo("nginx.service");
        // 64 characters, not all hex: not a container
        assertThat(of("0::/docker/" + "z".repeat(64) + "\n").containerId()).isEmpty();
        // pod<uid> outside kubepods is not a pod
        assertThat(of("0::/pod" + UID + "/x\n").podUid()).isEmpty();
    }

    private static CgroupPlacement of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return CgroupPlacement.of(ProcCgroup.parse(b, b.length));
    }

    @Property(tries = 300)
    void anyParsedFileGivesLabelsWithoutThrowing(@ForAll("paths") String path) {
        CgroupPlacement p = of("0::" + path + "\n1:name=systemd:" + path + "\n");
        assertThat(p.cgroup()).isEqualTo(path);
        assertThat(p.containerId()).matches("|[0-9a-f]{64}");
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("/-._@:abcdef0123456789kubepodslicescope").ofMaxLength(90)
                .map(s -> "/" + s);
    }
}
