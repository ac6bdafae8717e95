package org.nodeprocessexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nodeprocessexporter.Main;

/**
 * docs/flags.md shows the whole {@code --help}; it is the exporter's real one. After a flag
 * changes, {@code mvn -q -B test -Dtest=FlagsDocTest -Ddocs.update=true} writes it there.
 */
class FlagsDocTest {
    private static final Path DOC = Path.of("docs/flags.md");
    private static final String START = "## The whole list (`--help`)\n\n```\n";

    @Test
    void theDocShowsTheHelpTheExporterPrints() throws Exception {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(Main.start(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8))).isNull();
        String actual = help.toString(StandardCharsets.UTF_8);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(START) + START.length();
        int to = doc.indexOf("```", from);
        assertThat(from).as("the --help section of " + DOC).isGreaterThanOrEqualTo(START.length());
        if (Boolean.getBoolean("docs.update")) {
            doc = doc.substring(0, from) + actual + doc.substring(to);
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
            to = from + actual.length();
        }
        assertThat(doc.substring(from, to)).as("the --help in " + DOC + " (regenerate: see the javadoc)").isEqualTo(actual);
    }
}
