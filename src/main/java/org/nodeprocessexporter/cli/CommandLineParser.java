package org.nodeprocessexporter.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Parses node_exporter's command line with kingpin's semantics on top of picocli: {@code --flag=value}
 * and {@code --flag value}, {@code --no-flag} for every boolean, repeatable flags, {@code @file}
 * argument files, deprecated aliases with a warning. Every error becomes one
 * {@link UsageException} line that names the flag.
 */
public final class CommandLineParser {
    /** What the command line asked for. */
    public sealed interface Outcome permits Run, ShowHelp, ShowVersion {
    }

    public record Run(FlagValues flags) implements Outcome {
    }

    public record ShowHelp() implements Outcome {
    }

    public record ShowVersion() implements Outcome {
    }

    private final Map<String, Flag> flags = new LinkedHashMap<>();

    public CommandLineParser(List<Flag> declared) {
        for (Flag f : declared) {
            if (flags.put(f.name(), f) != null) {
                throw new IllegalArgumentException("flag declared twice: --" + f.name());
            }
        }
    }

    public Map<String, Flag> flags() {
        return flags;
    }

    public Outcome parse(String[] args, Consumer<String> warnings) throws UsageException {
        CommandSpec spec = CommandSpec.create();
        Map<String, OptionSpec> options = new HashMap<>();
        // kingpin also answers --help-long and --help-man; without subcommands they are the same help here
        OptionSpec help = OptionSpec.builder("-h", "--help", "--help-long", "--help-man").usageHelp(true).arity("0").build();
        OptionSpec version = OptionSpec.builder("--version").versionHelp(true).arity("0").build();
        spec.addOption(help);
        spec.addOption(version);
        for (Flag f : flags.values()) {
            OptionSpec option = optionFor(f);
            spec.addOption(option);
            options.put(f.name(), option);
        }
        // picocli's default negation only knows word characters; kingpin negates any long name.
        spec.negatableOptionTransformer(new CommandLine.RegexTransformer.Builder()
                .addPattern("^--no-([\\w.-]+)$", "--$1", "--")
                .addPattern("^--([\\w.-]+)$", "--no-$1", "--no-")
                .build());
        spec.parser().abbreviatedOptionsAllowed(false);
        spec.parser().toggleBooleanFlags(false);
        spec.parser().unmatchedOptionsArePositionalParams(false);
        ParseResult result;
        try {
            result = new CommandLine(spec).parseArgs(explicitBooleans(args));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(describe(e), true);
        }
        if (result.isUsageHelpRequested()) {
            return new ShowHelp();
        }
        if (result.isVersionHelpRequested()) {
            return new ShowVersion();
        }
        Map<String, Object> values = new HashMap<>();
        Set<String> given = new HashSet<>();
        for (Flag f : flags.values()) {
            OptionSpec option = options.get(f.name());
            boolean matched = result.hasMatchedOption(option);
            if (matched) {
                given.add(f.name());
                warnAboutAlias(f, args, warnings);
            }
            values.put(f.name(), convert(f, matched ? option.getValue() : null));
        }
        return new Run(new FlagValues(values, given));
    }

    /**
     * kingpin accepts {@code --flag=false} for booleans; picocli only the bare and negated forms,
     * so the explicit form is rewritten into them here.
     */
    private String[] explicitBooleans(String[] args) throws UsageException {
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            String arg = out[i];
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                continue;
            }
            String name = arg.substring(2, eq);
            if (!isBoolean(name)) {
                continue;
            }
            String value = arg.substring(eq + 1);
            Boolean b = switch (value) {
                case "1", "t", "T", "true", "TRUE", "True" -> Boolean.TRUE;
                case "0", "f", "F", "false", "FALSE", "False" -> Boolean.FALSE;
                default -> null;
            };
            if (b == null) {
                throw new UsageException("invalid value \"" + value + "\" for flag --" + name + ": expected true or false");
            }
            out[i] = b ? "--" + name : "--no-" + name;
        }
        return out;
    }

    private boolean isBoolean(String name) {
        for (Flag f : flags.values()) {
            if (f.kind() == Flag.Kind.BOOL && (f.name().equals(name) || f.aliases().contains(name))) {
                return true;
            }
        }
        return false;
    }

    private static OptionSpec optionFor(Flag f) {
        List<String> names = new ArrayList<>();
        names.add("--" + f.name());
        for (String alias : f.aliases()) {
            names.add("--" + alias);
        }
        OptionSpec.Builder b = OptionSpec.builder(names.toArray(String[]::new));
        switch (f.kind()) {
            case BOOL -> b.type(Boolean.class).arity("0").negatable(true);
            case STRINGS -> b.type(List.class).auxiliaryTypes(String.class).arity("1");
            default -> b.type(String.class).arity("1");
        }
        return b.paramLabel(f.placeholder().isEmpty() ? "VALUE" : f.placeholder()).build();
    }

    private static void warnAboutAlias(Flag f, String[] args, Consumer<String> warnings) {
        for (String alias : f.aliases()) {
            for (String arg : args) {
                if (arg.equals("--" + alias) || arg.startsWith("--" + alias + "=")
                        || arg.equals("--no-" + alias)) {
                    warnings.accept("flag --" + alias + " is deprecated, use --" + f.name());
                }
            }
        }
    }

    private static Object convert(Flag f, Object raw) throws UsageException {
        switch (f.kind()) {
            case BOOL:
                return raw == null ? Boolean.parseBoolean(f.defaultValue()) : (Boolean) raw;
            case STRINGS: {
                if (raw == null) {
                    return f.defaultValue().isEmpty() ? List.of() : List.of(f.defaultValue());
                }
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) raw;
                return List.copyOf(list);
            }
            default:
                break;
        }
        String text = raw == null ? f.defaultValue() : (String) raw;
        try {
            return switch (f.kind()) {
                case INT -> Integer.parseInt(text.trim());
                case DURATION -> parseDuration(text);
                case REGEXP -> text.isEmpty() ? null : Pattern.compile(text);
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value \"" + text + "\" for flag --" + f.name() + ": expected an integer");
        } catch (PatternSyntaxException e) {
            throw new UsageException("invalid regexp \"" + text + "\" for flag --" + f.name() + ": "
                    + e.getDescription() + " near index " + e.getIndex());
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + text + "\" for flag --" + f.name() + ": " + e.getMessage());
        }
    }

    private static Duration parseDuration(String text) {
        return GoDuration.parse(text);
    }

    private static String describe(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "?" : unmatched.get(0);
            if (first.startsWith("--")) {
                return "unknown long flag '" + first.split("=", 2)[0] + "'";
            }
            if (first.startsWith("-")) {
                return "unknown short flag '" + first + "'";
            }
            return "unexpected " + first;
        }
        if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec o) {
            return "expected argument for flag " + o.longestName();
        }
        String msg = e.getMessage();
        if (msg != null && msg.startsWith("Expected parameter for option '")) {
            String name = msg.substring("Expected parameter for option '".length(), msg.indexOf('\'', 31));
            return "expected argument for flag " + name;
        }
        return msg;
    }
}
