package org.nodeprocessexporter.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodeprocessexporter.Main;
import org.nodeprocessexporter.reference.ReferenceBinaries;
import org.nodeprocessexporter.testsupport.Child;

/**
 * A collector that is off costs nothing: an exporter started with the defaults and scraped loads
 * no class that only off collectors use, none of the off collectors' own nested classes, and no
 * library class that only they reach (dbus-java, say). "Only off collectors use" comes from the
 * class graph of the build ({@code jdeps}): what the off collectors reach minus what the exporter
 * reaches without passing through one of them. The collector class itself is loaded, for its
 * {@code SPEC} (name, default, flags): the command line needs every collector's flags.
 */
class OffCollectorsCostNothingTest {
    @Test
    void anExporterWithTheDefaultsLoadsNothingOnlyOffCollectorsUse(@TempDir Path tmp) throws Exception {
        Set<String> off = offCollectorClasses();
        assertThat(off).hasSizeGreaterThan(25);
        Map<String, Set<String>> graph = classGraph();
        Set<String> reachedWithoutOff = reach(graph, Set.of(Main.class.getName()), off);
        Set<String> onlyOff = reach(graph, off, Set.of());
        onlyOff.removeAll(reachedWithoutOff);
        onlyOff.removeAll(off);
        assertThat(onlyOff).as("classes only off collectors use (sanity: the graph found them)")
                .contains("org.nodeprocessexporter.procfs.BuddyInfo", "org.nodeprocessexporter.sys.netlink.NetlinkSocket");

        Set<String> packagesWithoutOff = new HashSet<>();
        reachedWithoutOff.forEach(c -> packagesWithoutOff.add(packageOf(c)));
        Set<String> libraryPackagesOnlyOff = new HashSet<>();
        for (String c : onlyOff) {
            if (!c.startsWith("org.nodeprocessexporter.") && !jdk(c) && !packagesWithoutOff.contains(packageOf(c))) {
                libraryPackagesOnlyOff.add(packageOf(c));
            }
        }

        Set<String> loaded = loadedClasses(tmp);
        assertThat(loaded).as("the exporter ran and loaded its classes").contains(
                "org.nodeprocessexporter.collector.node.CpuCollector", "org.nodeprocessexporter.procfs.KernelStat");
        List<String> wrong = new ArrayList<>();
        for (String c : loaded) {
            String outer = c.contains("$$") ? null : c.contains("$") ? c.substring(0, c.indexOf('$')) : null;
            boolean offs = jdk(c) ? false : onlyOff.contains(c) || libraryPackagesOnlyOff.contains(packageOf(c))
                    || (outer != null && off.contains(outer));
            if (offs) {
                wrong.add(c);
            }
        }
        assertThat(wrong).as("classes of off collectors loaded by an exporter with the defaults").isEmpty();
    }

    /** The collector classes whose SPEC is off by default. */
    private static Set<String> offCollectorClasses() throws Exception {
        Set<String> out = new TreeSet<>();
        for (String sub : List.of("node", "process")) {
            Path dir = Path.of("target/classes/org/nodeprocessexporter/collector", sub);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".class") || name.contains("$")) {
                        continue;
                    }
                    String cls = "org.nodeprocessexporter.collector." + sub + "." + name.substring(0, name.length() - 6);
                    Field spec;
                    try {
                        spec = Class.forName(cls).getField("SPEC");
                    } catch (NoSuchFieldException e) {
                        continue;
                    }
                    if (!((CollectorSpec) spec.get(null)).enabledByDefault()) {
                        out.add(cls);
                    }
                }
            }
        }
        return out;
    }

    /** class -> classes it refers to, from {@code jdeps -verbose:class} over the build's classes. */
    private static Map<String, Set<String>> classGraph() throws Exception {
        String jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps").toString();
        var r = ReferenceBinaries.run(List.of(jdeps, "-verbose:class", "-filter:none", "target/classes"), null);
        assertThat(r.status()).as(r.output()).isZero();
        Map<String, Set<String>> graph = new HashMap<>();
        for (String line : r.output().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 3 && parts[1].equals("->")) {
                graph.computeIfAbsent(parts[0], k -> new HashSet<>()).add(parts[2]);
            }
        }
        return graph;
    }

    /** Everything reachable from {@code roots} without entering {@code stops}. */
    private static Set<String> reach(Map<String, Set<String>> graph, Set<String> roots, Set<String> stops) {
        Set<String> seen = new HashSet<>(roots);
        ArrayDeque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            for (String next : graph.getOrDefault(todo.poll(), Set.of())) {
                if (!stops.contains(next) && seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }

    /** The JDK's own classes load for many reasons; only ours and the libraries' are judged. */
    private static boolean jdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                || cls.startsWith("com.sun.") || !cls.contains(".");
    }

    private static String packageOf(String cls) {
        return cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "";
    }

    /** The classes a child exporter with the defaults loads by its second scrape. */
    private static Set<String> loadedClasses(Path tmp) throws Exception {
        Path log = tmp.resolve("classes.log");
        int port = ReferenceBinaries.freePort();
        List<String> command = Child.javaCommand(List.of("-Xmx64m", "-Xlog:class+load=info:file=" + log),
                Main.class, "--web.listen-address=127.0.0.1:" + port);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("exporter.log").toFile()).start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int scraped = 0;
            while (scraped < 2 && System.nanoTime() < until) {
                try {
                    if (client.send(scrape, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        scraped++;
                    }
                } catch (java.io.IOException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(scraped).as("scrapes of the child exporter").isEqualTo(2);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("[class,load] ");
            if (at >= 0) {
                String rest = line.substring(at + "[class,load] ".length());
                out.add(rest.substring(0, rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ')));
            }
        }
        return out;
    }
}
