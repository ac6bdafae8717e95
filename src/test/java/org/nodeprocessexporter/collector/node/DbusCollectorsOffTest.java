package org.nodeprocessexporter.collector.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Main;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.testsupport.Child;

/**
 * With systemd and logind off (the default), the exporter loads no class of dbus-java, SLF4J or
 * our D-Bus layer and starts no thread for them, scrapes included: checked in a child JVM's
 * {@code -Xlog:class+load} and thread names. The same run with both collectors on must show them,
 * or the check could not fail.
 */
class DbusCollectorsOffTest {
    private static final List<String> DBUS_PACKAGES = List.of("org.freedesktop.", "org.slf4j.",
            "org.nodeprocessexporter.dbus.");

    /** The classes loaded, the thread names and the log of an exporter scraped twice with {@code flags}. */
    private static List<List<String>> run(Path dir, Map<String, String> env, String... flags) throws Exception {
        Path classLog = dir.resolve("classes-" + System.nanoTime() + ".log");
        List<String> program = Child.javaCommand(List.of("-Xlog:class+load=info:file=" + classLog), Main.class);
        List<String> threads = new ArrayList<>();
        Path log = dir.resolve("exporter-" + System.nanoTime() + ".log");
        try (ReferenceBinaries.Running exporter = ReferenceBinaries.start(program, env, "--web.listen-address", log,
                flags)) {
            exporter.http.get("/metrics"); // the start waited for one scrape; a second one
            try (var tasks = Files.list(Path.of("/proc/" + exporter.process.pid() + "/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    threads.add(Files.readString(t.resolve("comm")).strip());
                }
            }
        }
        List<String> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(classLog)) {
            int at = line.indexOf("[class,load] ");
            if (at >= 0) {
                String name = line.substring(at + "[class,load] ".length()).split(" ")[0];
                if (DBUS_PACKAGES.stream().anyMatch(name::startsWith)) {
                    loaded.add(name);
                }
            }
        }
        return List.of(loaded, threads, Files.readAllLines(log));
    }

    @Test
    void offByDefaultLoadsNothingOfDbusAndStartsNoThread(@TempDir Path dir) throws Exception {
        List<List<String>> off = run(dir, Map.of());
        assertThat(off.get(0)).isEmpty();
        assertThat(off.get(1)).isNotEmpty().doesNotContain("dbus-deadline");

        // the control: with them on (and no bus), dbus-java is loaded and the deadline timer runs
        List<List<String>> on = run(dir, Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + dir.resolve("no-bus")),
                "--collector.systemd", "--collector.logind");
        assertThat(on.get(0)).contains("org.freedesktop.dbus.connections.transports.TransportBuilder",
                "org.nodeprocessexporter.dbus.BusConnection", "org.nodeprocessexporter.dbus.Slf4jBridge");
        assertThat(on.get(1)).contains("dbus-deadline");
        // SLF4J found our provider: none of its own lines on stderr; each failed scrape logged once
        assertThat(on.get(2)).noneMatch(l -> l.contains("SLF4J"))
                .filteredOn(l -> l.contains("collector failed")).hasSize(4);
    }
}
