package org.nodeprocessexporter.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.cli.CommandLineParser;
import org.nodeprocessexporter.cli.ExporterFlags;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorCatalog;

/**
 * Every flag node_exporter 1.5 (Debian's) lists in its {@code --help} is accepted by our command
 * line: a boolean as {@code --flag} and {@code --no-flag}, a flag with a default with that default,
 * any other with a value of its kind. So the ARGS of an existing
 * {@code /etc/default/prometheus-node-exporter} start us unchanged.
 */
class FlagCompatibilityTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z0-9._-]*");
    private static final Pattern FLAG = Pattern.compile("^\\s+--([a-z0-9_.\\-A-Z]+)(=(\"(.*)\"|\\S+))?(\\s|$)");

    @Test
    void everyNodeExporterFlagIsAccepted() throws Exception {
        var help = ReferenceBinaries.run(List.of(ReferenceBinaries.require(ReferenceBinaries.NODE_EXPORTER).toString(),
                "--help"), null);
        CommandLineParser parser = new CommandLineParser(ExporterFlags.all(CollectorCatalog.ALL));
        List<String> refused = new ArrayList<>();
        int seen = 0;
        for (String line : help.output().split("\n")) {
            Matcher m = FLAG.matcher(line);
            if (!m.find() || m.group(1).equals("version")) {
                continue;
            }
            seen++;
            String name = m.group(1);
            List<String[]> tries = new ArrayList<>();
            if (m.group(2) == null) {
                tries.add(new String[] {"--" + name});
                if (!name.startsWith("help")) {
                    tries.add(new String[] {"--no-" + name});
                }
            } else if (m.group(4) != null) {
                tries.add(new String[] {"--" + name + "=" + m.group(4).replace("\\\\", "\\")});
            } else if (PLACEHOLDER.matcher(m.group(3)).matches()) {
                tries.add(new String[] {"--" + name + "=" + valueFor(name)});
            } else {
                tries.add(new String[] {"--" + name + "=" + m.group(3)}); // an unquoted default: a number
            }
            for (String[] args : tries) {
                try {
                    parser.parse(args, w -> { });
                } catch (UsageException e) {
                    refused.add(String.join(" ", args) + ": " + e.getMessage());
                }
            }
        }
        assertThat(seen).as("flags in node_exporter 1.5's --help").isGreaterThan(120);
        assertThat(refused).as("node_exporter 1.5 flags we refuse").isEmpty();
    }

    /** A value of the flag's kind, for a flag whose help shows a placeholder rather than a default. */
    private static String valueFor(String name) {
        if (name.endsWith("port") || name.endsWith("ttl") || name.endsWith("max-requests")) {
            return "1";
        }
        if (name.endsWith("timeout") || name.endsWith("interval") || name.endsWith("tolerance")
                || name.endsWith("distance")) {
            return "1s";
        }
        return "x"; // a name, a path or a regexp
    }
}
