package org.nodeprocessexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodeprocessexporter.collector.CollectorCatalog;

class CommandLineParserTest {
    private final CommandLineParser parser = new CommandLineParser(List.of(
            Flag.bool("collector.cpu", true, "cpu"),
            Flag.bool("collector.ntp", false, "ntp"),
            Flag.strings("web.listen-address", ":9100", "addresses"),
            Flag.integer("web.max-requests", 40, "limit"),
            Flag.duration("collector.filesystem.mount-timeout", "5s", "timeout"),
            Flag.string("web.telemetry-path", "/metrics", "path"),
            Flag.regexp("collector.diskstats.device-exclude", "^(ram|loop)\\d+$", "exclude")
                    .withAliases("collector.diskstats.ignored-devices")));

    private FlagValues parse(String... args) throws UsageException {
        return ((CommandLineParser.Run) parser.parse(args, w -> { })).flags();
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() throws Exception {
        FlagValues f = parse();
        assertThat(f.bool("collector.cpu")).isTrue();
        assertThat(f.bool("collector.ntp")).isFalse();
        assertThat(f.strings("web.listen-address")).containsExactly(":9100");
        assertThat(f.integer("web.max-requests")).isEqualTo(40);
        assertThat(f.duration("collector.filesystem.mount-timeout")).isEqualTo(Duration.ofSeconds(5));
        assertThat(f.regexp("collector.diskstats.device-exclude").pattern()).isEqualTo("^(ram|loop)\\d+$");
        assertThat(f.isGiven("collector.cpu")).isFalse();
    }

    static Stream<Arguments> booleans() {
        return Stream.of(
                Arguments.of(new String[] {"--collector.ntp"}, true),
                Arguments.of(new String[] {"--no-collector.ntp"}, false),
                Arguments.of(new String[] {"--collector.ntp=true"}, true),
                Arguments.of(new String[] {"--collector.ntp=false"}, false),
                Arguments.of(new String[] {"--collector.ntp=1"}, true),
                Arguments.of(new String[] {"--collector.ntp=0"}, false));
    }

    @ParameterizedTest
    @MethodSource("booleans")
    void booleansTakeEveryKingpinForm(String[] args, boolean expected) throws Exception {
        FlagValues f = parse(args);
        assertThat(f.bool("collector.ntp")).isEqualTo(expected);
        assertThat(f.isGiven("collector.ntp")).isTrue();
    }

    @Test
    void negatingADefaultOnCollectorTurnsItOff() throws Exception {
        assertThat(parse("--no-collector.cpu").bool("collector.cpu")).isFalse();
    }

    @Test
    void valuesTakeBothForms() throws Exception {
        assertThat(parse("--web.max-requests=7").integer("web.max-requests")).isEqualTo(7);
        assertThat(parse("--web.max-requests", "8").integer("web.max-requests")).isEqualTo(8);
        assertThat(parse("--web.telemetry-path", "/m").string("web.telemetry-path")).isEqualTo("/m");
        assertThat(parse("--collector.filesystem.mount-timeout=1m30s")
                .duration("collector.filesystem.mount-timeout")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void repeatableFlagsReplaceTheirDefault() throws Exception {
        assertThat(parse("--web.listen-address=:1", "--web.listen-address", "127.0.0.1:2")
                .strings("web.listen-address")).containsExactly(":1", "127.0.0.1:2");
    }

    @Test
    void anEmptyRegexpMeansNoFilter() throws Exception {
        assertThat(parse("--collector.diskstats.device-exclude=").regexp("collector.diskstats.device-exclude"))
                .isNull();
    }

    @Test
    void deprecatedAliasesWorkWithAWarning() throws Exception {
        List<String> warnings = new ArrayList<>();
        FlagValues f = ((CommandLineParser.Run) parser.parse(
                new String[] {"--collector.diskstats.ignored-devices=^sda$"}, warnings::add)).flags();
        assertThat(f.regexp("collector.diskstats.device-exclude").pattern()).isEqualTo("^sda$");
        assertThat(f.isGiven("collector.diskstats.device-exclude")).isTrue();
        assertThat(warnings).containsExactly(
                "flag --collector.diskstats.ignored-devices is deprecated, use --collector.diskstats.device-exclude");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(new String[] {"--foo"}, "unknown long flag '--foo'"),
                Arguments.of(new String[] {"--foo=bar"}, "unknown long flag '--foo'"),
                Arguments.of(new String[] {"-x"}, "unknown short flag '-x'"),
                Arguments.of(new String[] {"stray"}, "unexpected stray"),
                Arguments.of(new String[] {"--web.max-requests"}, "expected argument for flag --web.max-requests"),
                Arguments.of(new String[] {"--web.max-requests", "--collector.cpu"},
                        "expected argument for flag --web.max-requests"),
                Arguments.of(new String[] {"--web.max-requests=lots"},
                        "invalid value \"lots\" for flag --web.max-requests: expected an integer"),
                Arguments.of(new String[] {"--collector.filesystem.mount-timeout=5"},
                        "invalid value \"5\" for flag --collector.filesystem.mount-timeout: missing unit"),
                Arguments.of(new String[] {"--collector.diskstats.device-exclude=(sd"},
                        "invalid regexp \"(sd\" for flag --collector.diskstats.device-exclude"),
                Arguments.of(new String[] {"--collector.cpu=maybe"},
                        "invalid value \"maybe\" for flag --collector.cpu: expected true or false"),
                Arguments.of(new String[] {"--collector.cpu", "false"}, "unexpected false"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineNamingTheProblem(String[] args, String message) {
        assertThatThrownBy(() -> parse(args)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void helpAndVersionAreRecognised() throws Exception {
        assertThat(parser.parse(new String[] {"-h"}, w -> { })).isInstanceOf(CommandLineParser.ShowHelp.class);
        assertThat(parser.parse(new String[] {"--help"}, w -> { })).isInstanceOf(CommandLineParser.ShowHelp.class);
        assertThat(parser.parse(new String[] {"--version"}, w -> { }))
                .isInstanceOf(CommandLineParser.ShowVersion.class);
    }

    @Test
    void everyCollectorHasItsEnableFlagAndHelpListsEveryFlag() throws Exception {
        CommandLineParser all = new CommandLineParser(ExporterFlags.all(CollectorCatalog.ALL));
        String help = HelpText.render("x", "y", all.flags().values());
        for (var spec : CollectorCatalog.ALL) {
            assertThat(all.flags()).containsKey("collector." + spec.name());
            // a long name puts its help on the next line, as kingpin does
            assertThat(help).containsPattern(java.util.regex.Pattern.quote("--[no-]collector." + spec.name()) + "[ \n]");
        }
        for (Flag flag : all.flags().values()) {
            assertThat(help).contains((flag.kind() == Flag.Kind.BOOL ? "--[no-]" : "--") + flag.name());
        }
        assertThat(help).contains("--web.listen-address=ADDRESS ...").contains("(default: \":9100\")");
    }
}
