package org.nodeprocessexporter.collector.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.collector.Collector;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.testsupport.Child;
import org.nodeprocessexporter.testsupport.ProcWait;

/**
 * cgroup_info on this machine: children the test moves into cgroup v2 directories it creates
 * (shaped like a Kubernetes container's and a systemd service's), and a podman container.
 */
class CgroupInfoLiveTest {
    private static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String POD = "0badcafe-1234-4321-abcd-00000000beef";

    private final List<Path> cgroups = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        CollectorHarness.closeAll();
        // deepest first; a directory whose last process was just reaped may take a moment to let go
        for (int i = cgroups.size() - 1; i >= 0; i--) {
            for (int attempt = 0; attempt < 100 && Files.exists(cgroups.get(i)); attempt++) {
                try {
                    Files.delete(cgroups.get(i));
                } catch (IOException e) {
                    Thread.sleep(20);
                }
            }
            assertThat(cgroups.get(i)).doesNotExist();
        }
    }

    /** The cgroup2 mount (/sys/fs/cgroup on a v2 host, /sys/fs/cgroup/unified on a hybrid one). */
    private static Path cgroup2Mount() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            int dash = line.indexOf(" - ");
            if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ")) {
                return Path.of(line.split(" ")[4]);
            }
        }
        return null;
    }

    /** Creates {@code relative} under the cgroup2 mount, parents first, remembering each for removal. */
    private Path mkdirs(Path mount, String relative) throws IOException {
        Path dir = mount;
        for (String part : relative.split("/")) {
            dir = dir.resolve(part);
            if (!Files.exists(dir)) {
                Files.createDirectory(dir);
                cgroups.add(dir);
            }
        }
        return dir;
    }

    private static void move(long pid, Path cgroup) throws IOException {
        Files.writeString(cgroup.resolve("cgroup.procs"), pid + "\n");
    }

    private static String info(Exposition e, String group) {
        return e.family("namedprocess_namegroup_cgroup_info").keySet().stream()
                .filter(k -> k.contains("groupname=\"" + group + "\"")).findFirst().orElse(null);
    }

    private static String info(String cgroup, String containerId, String group, String pod, String unit) {
        return "namedprocess_namegroup_cgroup_info{cgroup=\"" + cgroup + "\",container_id=\"" + containerId
                + "\",groupname=\"" + group + "\",pod_uid=\"" + pod + "\",unit=\"" + unit + "\"}";
    }

    @Test
    void childrenMovedIntoCgroupsTheTestCreatesAreLabelledAndFollowedWhenMoved(@TempDir Path dir) throws Exception {
        Path mount = cgroup2Mount();
        Assumptions.assumeTrue(mount != null && Files.isWritable(mount),
                "the kernel gives this test no writable cgroup2 mount (needs root and cgroup v2 or hybrid)");
        String base = "npe-test-" + UUID.randomUUID().toString().substring(0, 8) + ".slice";
        String container = base + "/kubepods-burstable-pod" + POD.replace('-', '_') + ".slice/cri-containerd-" + ID
                + ".scope";
        String service = base + "/npe-live.service";
        Path containerDir = mkdirs(mount, container);
        Path serviceDir = mkdirs(mount, service);
        // the paths as this process's cgroup namespace shows them (the root, unless the test runs in a container)
        String root = Files.readAllLines(Path.of("/proc/self/cgroup")).stream().filter(l -> l.startsWith("0::"))
                .findFirst().orElseThrow().substring(3);
        String prefix = root.equals("/") ? "/" : root + "/";

        Path names = dir.resolve("names.yml");
        Files.writeString(names, "process_names:\n  - name: \"{{.Comm}}_{{.PID}}\"\n"
                + "    comm: [npe-cg-a, npe-cg-b, npe-cg-c]\n");
        Path next = dir.resolve("npe-cg-c");
        Files.copy(Path.of("/bin/sleep"), next);
        next.toFile().setExecutable(true);
        Collector c = CollectorHarness.build(ProcessDetailCollector.SPEC, Path.of("/proc"), Path.of("/sys"), Path.of("/"),
                "--collector.process_detail.config.path=" + names);
        try (Child a = Child.renamed(Files.createDirectory(dir.resolve("a")), "/bin/sleep", "npe-cg-a", "600");
             Child b = Child.renamed(Files.createDirectory(dir.resolve("b")), "/bin/sh", "npe-cg-b", "-c",
                     "read x; exec " + next + " 600")) {
            move(a.pid, containerDir);
            move(b.pid, containerDir);
            String groupA = "npe-cg-a_" + a.pid;
            String groupB = "npe-cg-b_" + b.pid;
            Exposition e = Exposition.parse(CollectorHarness.scrape(c));
            String inContainer = prefix + container;
            assertThat(info(e, groupA)).isEqualTo(info(inContainer, ID, groupA, POD, "cri-containerd-" + ID + ".scope"));
            assertThat(info(e, groupB)).isEqualTo(info(inContainer, ID, groupB, POD, "cri-containerd-" + ID + ".scope"));

            // moved, then an exec: the next scrape reads the cgroup again
            move(b.pid, serviceDir);
            b.say("go");
            ProcWait.untilComm(b.pid, "npe-cg-c");
            assertThat(info(Exposition.parse(CollectorHarness.scrape(c)), groupB))
                    .isEqualTo(info(prefix + service, "", groupB, "", "npe-live.service"));

            // moved without an exec: seen within the re-read interval, counted in scrapes
            move(a.pid, serviceDir);
            int scrapes = 0;
            String now = null;
            while (scrapes < ProcessTracker.CGROUP_REREAD_EVERY) {
                scrapes++;
                now = info(Exposition.parse(CollectorHarness.scrape(c)), groupA);
                if (now.contains("npe-live.service")) {
                    break;
                }
            }
            assertThat(now).isEqualTo(info(prefix + service, "", groupA, "", "npe-live.service"));
        }
    }

    @Test
    void aPodmanContainersProcessHasItsContainerId() throws Exception {
        Path podman = Path.of("/usr/bin/podman");
        assertThat(podman).as("podman (scripts/test.sh installs it)").isExecutable();
        String name = "npe-test-" + UUID.randomUUID().toString().substring(0, 8);
        // --rootfs /:O: the host's own files in an overlay, no image needed; ulimits a sandbox lets runc set
        ReferenceBinaries.CommandResult run = ReferenceBinaries.run(List.of(podman.toString(), "run", "-d", "--name", name,
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", "--rootfs", "/:O", "/bin/sleep", "600"),
                null);
        try {
            Assumptions.assumeFalse(run.status() != 0 && run.output().toLowerCase().matches(
                    "(?s).*(operation not permitted|permission denied).*"),
                    "the kernel refuses podman a container here: " + run.output());
            assertThat(run.status()).as(run.output()).isZero();
            String id = run.output().strip().lines().reduce((x, y) -> y).orElseThrow();
            long pid = Long.parseLong(ReferenceBinaries.run(List.of(podman.toString(), "inspect", "-f",
                    "{{.State.Pid}}", name), null).output().strip());
            Collector c = CollectorHarness.build(ProcessDetailCollector.SPEC, Path.of("/proc"), Path.of("/sys"),
                    Path.of("/"));
            String line = info(Exposition.parse(CollectorHarness.scrape(c)), "sleep_" + pid);
            assertThat(line).contains("container_id=\"" + id + "\"").contains("libpod-" + id);
        } finally {
            ReferenceBinaries.run(List.of(podman.toString(), "rm", "-f", "-t", "0", name), null);
        }
    }
}
