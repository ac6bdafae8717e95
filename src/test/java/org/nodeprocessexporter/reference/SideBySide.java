package org.nodeprocessexporter.reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nodeprocessexporter.Exposition;
import org.nodeprocessexporter.Main;
import org.nodeprocessexporter.RunningExporter;
import org.nodeprocessexporter.testsupport.Child;

/**
 * node_exporter 1.5 and our exporter started with the same flags on this machine and scraped one
 * right after the other, for the parity tests of one collector or a few: both sides get
 * {@code --collector.disable-defaults} and the flags the test names, so they look at exactly the
 * same collectors.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** What both exporters served, parsed. */
    public record Scrapes(Exposition theirs, Exposition ours) {

        /**
         * node_exporter's families starting with {@code prefix} that we lack or emit with another
         * type or other label names, one line each.
         */
        public List<String> shapeDifferences(String prefix) {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, String> e : theirs.types.entrySet()) {
                String family = e.getKey();
                if (!family.startsWith(prefix)) {
                    continue;
                }
                if (!e.getValue().equals(ours.types.get(family))
                        || !theirs.labelNames.get(family).equals(ours.labelNames.get(family))) {
                    problems.add(family + ": theirs " + e.getValue() + " " + theirs.labelNames.get(family) + ", ours "
                            + ours.types.get(family) + " " + ours.labelNames.get(family));
                }
            }
            return problems;
        }

        /** The families, among {@code families}, whose series (labels and values) are not all equal. */
        public List<String> valueDifferences(String... families) {
            List<String> problems = new ArrayList<>();
            for (String family : families) {
                if (!theirs.family(family).equals(ours.family(family))) {
                    problems.add(family + " differs: theirs " + theirs.family(family) + ", ours " + ours.family(family));
                }
            }
            return problems;
        }

        /**
         * Counters of {@code families} that went backwards from their scrape to ours or moved by more
         * than {@code allowance} (what can happen between the two scrapes); a series only one side
         * has (it came or went in between) is not compared.
         */
        public List<String> counterDifferences(double allowance, String... families) {
            List<String> problems = new ArrayList<>();
            for (String family : families) {
                for (Map.Entry<String, Double> s : theirs.family(family).entrySet()) {
                    Double our = ours.value(s.getKey());
                    double their = s.getValue();
                    // Go and Java may round a unit conversion differently in the last bits
                    if (our != null && (our < their - Math.ulp(their) * 4 || our > their + allowance)) {
                        problems.add(s.getKey() + ": theirs " + their + ", ours " + our);
                    }
                }
            }
            return problems;
        }

        /** {@code node_scrape_collector_success} of every collector node_exporter ran, where ours differs. */
        public List<String> successDifferences() {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Double> s : theirs.family("node_scrape_collector_success").entrySet()) {
                if (!s.getValue().equals(ours.value(s.getKey()))) {
                    problems.add(s.getKey() + ": theirs " + s.getValue() + ", ours " + ours.value(s.getKey()));
                }
            }
            return problems;
        }

        /** Our series of {@code family}, keyed with only the given label names. */
        public Map<String, Double> oursProjected(String family, Set<String> labelNames) {
            Map<String, Double> out = new TreeMap<>();
            for (var s : ours.samples(family)) {
                Map<String, String> kept = new TreeMap<>(s.labels());
                kept.keySet().retainAll(labelNames);
                out.put(Exposition.key(s.name(), kept), s.value());
            }
            return out;
        }
    }

    /**
     * Starts both with {@code --collector.disable-defaults} plus {@code flags}, scrapes ours once to
     * warm it, then theirs and ours back to back. {@code tmp} receives node_exporter's log.
     */
    public static Scrapes scrape(Path tmp, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--collector.disable-defaults"));
        args.addAll(List.of(flags));
        return scrape(tmp, args, List.of(), List.of());
    }

    /**
     * Both exporters started behind {@code wrapper} (a command that runs the rest of its command
     * line, or empty) with {@code env} added to their environment and {@code both} as flags; ours
     * in a child JVM, since a JVM cannot change its own environment or namespaces.
     */
    public static Scrapes scrape(Path tmp, List<String> wrapper, Map<String, String> env, List<String> both)
            throws Exception {
        List<String> theirs = new ArrayList<>(wrapper);
        theirs.add(ReferenceBinaries.require(ReferenceBinaries.NODE_EXPORTER).toString());
        List<String> ours = new ArrayList<>(wrapper);
        ours.addAll(Child.javaCommand(List.of(), Main.class));
        String[] flags = both.toArray(String[]::new);
        try (ReferenceBinaries.Running ne = ReferenceBinaries.start(theirs, env, "--web.listen-address",
                tmp.resolve("ne.log"), flags);
             ReferenceBinaries.Running exporter = ReferenceBinaries.start(ours, env, "--web.listen-address",
                     tmp.resolve("ours.log"), flags)) {
            exporter.http.get("/metrics"); // warm up, so that our scrape follows theirs closely
            Exposition theirScrape = Exposition.parse(ne.http.get("/metrics").body());
            Exposition ourScrape = Exposition.parse(exporter.http.get("/metrics").body());
            return new Scrapes(theirScrape, ourScrape);
        }
    }

    /** Both exporters with {@code both}, plus flags only one of them gets; no flag is added. */
    public static Scrapes scrape(Path tmp, List<String> both, List<String> theirsOnly, List<String> oursOnly)
            throws Exception {
        List<String> theirArgs = new ArrayList<>(both);
        theirArgs.addAll(theirsOnly);
        List<String> ourArgs = new ArrayList<>(both);
        ourArgs.addAll(oursOnly);
        try (ReferenceBinaries.Running ne = ReferenceBinaries.start(ReferenceBinaries.NODE_EXPORTER,
                "--web.listen-address", tmp.resolve("ne.log"), theirArgs.toArray(String[]::new));
             RunningExporter exporter = new RunningExporter(ourArgs.toArray(String[]::new))) {
            exporter.metrics(); // warm up, so that our scrape follows theirs closely
            Exposition theirs = Exposition.parse(ne.http.get("/metrics").body());
            Exposition ours = Exposition.parse(exporter.metrics());
            return new Scrapes(theirs, ours);
        }
    }
}
