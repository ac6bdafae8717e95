package org.nodeprocessexporter.textformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TextFormatParserTest {
    @Test
    void parsesHelpTypeLabelsEscapesAndSpecialValues() throws Exception {
        List<ParsedFamily> f = TextFormatParser.parse("""
                # HELP a_total Help with \\\\ and \\n escapes
                # TYPE a_total counter
                a_total{path="C:\\\\x",msg="say \\"hi\\"\\n"} 1e3
                b +Inf
                c -Inf
                d NaN
                """);
        assertThat(f).extracting(ParsedFamily::name).containsExactly("a_total", "b", "c", "d");
        assertThat(f.get(0).help()).isEqualTo("Help with \\ and \n escapes");
        assertThat(f.get(0).type()).isEqualTo("counter");
        ParsedFamily.Sample s = f.get(0).samples().get(0);
        assertThat(s.labels()).isEqualTo(Map.of("path", "C:\\x", "msg", "say \"hi\"\n"));
        assertThat(s.value()).isEqualTo(1000.0);
        assertThat(f.get(1).samples().get(0).value()).isInfinite();
        assertThat(f.get(3).samples().get(0).value()).isNaN();
    }

    @Test
    void summaryAndHistogramSamplesJoinTheirFamily() throws Exception {
        List<ParsedFamily> f = TextFormatParser.parse("""
                # TYPE h histogram
                h_bucket{le="1"} 1
                h_sum 1
                h_count 1
                """);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).samples()).hasSize(3);
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> TextFormatParser.parse("ok 1\nbad metric here\n"))
                .hasMessage("text format parsing error in line 2: expected float as value, got \"metric\"");
        assertThatThrownBy(() -> TextFormatParser.parse("x{a=\"1\",a=\"2\"} 1\n"))
                .hasMessageContaining("line 1: duplicate label name \"a\"");
        assertThatThrownBy(() -> TextFormatParser.parse("x{a=\"1} 1\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> TextFormatParser.parse("# TYPE x sometype\n"))
                .hasMessageContaining("unknown metric type \"sometype\"");
        assertThatThrownBy(() -> TextFormatParser.parse("x 1\n# TYPE x gauge\n"))
                .hasMessageContaining("TYPE line for x after its samples");
    }

    @Property(tries = 500)
    void arbitraryInputParsesOrFailsWithALineNumber(@ForAll String text) {
        try {
            TextFormatParser.parse(text);
        } catch (TextFormatException e) {
            assertThat(e.getMessage()).startsWith("text format parsing error in line ");
        }
    }
}
