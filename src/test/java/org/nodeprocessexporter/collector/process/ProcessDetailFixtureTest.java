package org.nodeprocessexporter.collector.process;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.testsupport.TreeCopy;

/**
 * process_detail over the captured fixture tree, compared with {@code expected/process_detail.prom}.
 * Regenerate after an intended change with {@code mvn test -Dtest=ProcessDetailFixtureTest
 * -Dgolden.update=true} and review the diff.
 */
class ProcessDetailFixtureTest {
    private static final Path EXPECTED = Path.of("src/test/resources/expected/process_detail.prom");

    @Test
    void theFixtureTreeGivesTheExpectedExposition() throws Exception {
        String actual = CollectorHarness.scrapeFixtures(ProcessDetailCollector.SPEC,
                "--collector.process_detail.threads");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(EXPECTED, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(EXPECTED, StandardCharsets.UTF_8));
    }

    @Test
    void aSecondScrapeOfAnUnchangedTreeIsIdentical() throws Exception {
        var collector = CollectorHarness.build(ProcessDetailCollector.SPEC, CollectorHarness.FIXTURES.resolve("proc"),
                CollectorHarness.FIXTURES.resolve("sys"), CollectorHarness.FIXTURES.resolve("rootfs"));
        String first = CollectorHarness.scrape(collector);
        String second = CollectorHarness.scrape(collector);
        assertThat(second.replaceAll("(?m)^namedprocess_scrape.*$", ""))
                .isEqualTo(first.replaceAll("(?m)^namedprocess_scrape.*$", ""));
    }

    /**
     * cgroup_info over the fixture tree with the processes' cgroup files replaced by those of a
     * systemd service, a Kubernetes container (containerd, systemd driver) and a docker container
     * (cgroupfs driver, cgroup v1); with one group for all of them, the oldest process's.
     */
    @Test
    void cgroupInfoNamesTheUnitContainerAndPodOfEachGroup(@TempDir Path tmp) throws Exception {
        Path proc = tmp.resolve("proc");
        TreeCopy.copy(CollectorHarness.FIXTURES.resolve("proc"), proc);
        Path layouts = CollectorHarness.FIXTURES.resolve("cgroup");
        Files.copy(layouts.resolve("systemd-service-v2"), proc.resolve("1/cgroup"), REPLACE_EXISTING);
        Files.copy(layouts.resolve("kubepods-burstable-containerd-systemd-v2"), proc.resolve("5371/cgroup"),
                REPLACE_EXISTING);
        Files.copy(layouts.resolve("docker-cgroupfs-v1"), proc.resolve("5423/cgroup"), REPLACE_EXISTING);
        String id = "3f4c2a1b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b";
        String pod = "6f1e0b7c-3d2a-4e8f-9b1c-2a3b4c5d6e7f";
        String pods = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + pod.replace('-', '_') + ".slice";
        assertThat(cgroupInfo(proc)).containsExactly(
                "namedprocess_namegroup_cgroup_info{cgroup=\"/docker/" + id + "\",container_id=\"" + id
                        + "\",groupname=\"capture-proc-fi_5423\",pod_uid=\"\",unit=\"\"} 1.0",
                "namedprocess_namegroup_cgroup_info{cgroup=\"" + pods + "/cri-containerd-" + id + ".scope\",container_id=\""
                        + id + "\",groupname=\"java_5371\",pod_uid=\"" + pod + "\",unit=\"cri-containerd-" + id
                        + ".scope\"} 1.0",
                "namedprocess_namegroup_cgroup_info{cgroup=\"/system.slice/nginx.service\",container_id=\"\","
                        + "groupname=\"process_api_1\",pod_uid=\"\",unit=\"nginx.service\"} 1.0");
        Path all = tmp.resolve("all.yml");
        Files.writeString(all, "process_names:\n  - name: everything\n    cmdline: ['.*']\n");
        assertThat(cgroupInfo(proc, "--collector.process_detail.config.path=" + all)).containsExactly(
                "namedprocess_namegroup_cgroup_info{cgroup=\"/system.slice/nginx.service\",container_id=\"\","
                        + "groupname=\"everything\",pod_uid=\"\",unit=\"nginx.service\"} 1.0");
        assertThat(cgroupInfo(proc, "--no-collector.process_detail.cgroup-info")).isEmpty();
    }

    private static java.util.List<String> cgroupInfo(Path proc, String... flags) throws Exception {
        String text = CollectorHarness.scrape(CollectorHarness.build(ProcessDetailCollector.SPEC, proc,
                CollectorHarness.FIXTURES.resolve("sys"), CollectorHarness.FIXTURES.resolve("rootfs"), flags));
        return text.lines().filter(l -> l.startsWith("namedprocess_namegroup_cgroup_info{")).toList();
    }
}
