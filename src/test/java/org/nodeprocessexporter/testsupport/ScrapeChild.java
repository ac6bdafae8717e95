package org.nodeprocessexporter.testsupport;

import java.nio.file.Path;
import java.util.Arrays;
import org.nodeprocessexporter.collector.CollectorCatalog;
import org.nodeprocessexporter.collector.CollectorHarness;
import org.nodeprocessexporter.collector.CollectorSpec;

/**
 * Scrapes one collector over this machine's /proc and /sys from wherever it was started (a network
 * namespace of its own, say) and prints {@code ready} and the exposition on one line, its newlines
 * as {@code |}; then waits for stdin to close. Arguments: the collector's name, then its flags.
 */
public final class ScrapeChild {
    private ScrapeChild() {
    }

    public static void main(String[] args) throws Exception {
        CollectorSpec spec = CollectorCatalog.ALL.stream().filter(s -> s.name().equals(args[0])).findFirst().orElseThrow();
        String out = CollectorHarness.scrape(CollectorHarness.build(spec, Path.of("/proc"), Path.of("/sys"), Path.of("/"),
                Arrays.copyOfRange(args, 1, args.length)));
        System.out.println("ready " + out.replace('\n', '|'));
        System.out.flush();
        System.in.read();
    }
}
