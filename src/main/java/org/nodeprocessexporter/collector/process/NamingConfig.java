package org.nodeprocessexporter.collector.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.nodeprocessexporter.config.ConfigFileException;
import org.nodeprocessexporter.config.YamlNodes;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * process-exporter's {@code process_names} configuration, unchanged: a list of rules, each with
 * {@code comm}, {@code exe} and {@code cmdline} matchers (all given must match) and a {@code name}
 * template (default {@code {{.ExeBase}}}); the first rule that matches names the process.
 *
 * <p>Matchers, as process-exporter has them: {@code comm} is a set of exact names; {@code exe}
 * compares the base name of {@code cmdline[0]}, and the whole path when the rule has a slash;
 * {@code cmdline} regexps must all match (anywhere) the arguments joined by spaces, and their named
 * groups fill {@code {{.Matches.NAME}}}. Go's {@code (?P<name>...)} groups are accepted.
 *
 * <p>Ours: {@code expect} declares the groups a rule is meant to produce, reported with
 * {@code num_procs 0} from the first scrape on, so that a service that never started alerts too:
 * {@code expect: true} for a rule whose name is literal text, {@code expect: [a, b]} for names a
 * template renders. A rule whose name has the pid or start time in it cannot declare groups.
 */
public final class NamingConfig implements NamingRules {
    private static final String KIND = "process_detail config";
    private static final Set<String> ROOT_KEYS = Set.of("process_names");
    private static final Set<String> RULE_KEYS = Set.of("name", "comm", "exe", "cmdline", "expect");
    private static final Pattern GO_NAMED_GROUP = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

    /** One rule of {@code process_names}. */
    static final class Rule {
        final Set<String> comms;
        final Map<String, String> exes;
        final List<Pattern> cmdlines;
        final List<List<String>> groupNames;
        final NameTemplate template;
        /** The groups {@code expect} declares; empty without. */
        final List<String> expected;

        Rule(Set<String> comms, Map<String, String> exes, List<Pattern> cmdlines, List<List<String>> groupNames,
             NameTemplate template, List<String> expected) {
            this.comms = comms;
            this.exes = exes;
            this.cmdlines = cmdlines;
            this.groupNames = groupNames;
            this.template = template;
            this.expected = expected;
        }

        /** The group name, or null when this rule does not match. */
        String match(ProcessAttributes p) {
            if (comms != null && !comms.contains(p.comm())) {
                return null;
            }
            if (exes != null) {
                if (p.cmdline().isEmpty()) {
                    return null;
                }
                String full = p.cmdline().get(0);
                String base = new ProcessAttributes(p.pid(), p.comm(), List.of(full), "", 0, List.of()).exeBase();
                if (!exes.containsKey(base)) {
                    return null;
                }
                String path = exes.get(base);
                if (!path.isEmpty() && !path.equals(full)) {
                    return null;
                }
            }
            Map<String, String> matches = new HashMap<>();
            if (cmdlines != null) {
                String joined = String.join(" ", p.cmdline());
                for (int i = 0; i < cmdlines.size(); i++) {
                    Matcher m = cmdlines.get(i).matcher(joined);
                    if (!m.find()) {
                        return null;
                    }
                    List<String> names = groupNames.get(i);
                    for (int g = 0; g < names.size(); g++) {
                        if (names.get(g) != null) {
                            String v = m.group(g + 1);
                            matches.put(names.get(g), v == null ? "" : v);
                        }
                    }
                }
            }
            return template.render(p, matches);
        }
    }

    private final List<Rule> rules;

    private NamingConfig(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The group name of the first matching rule, or null: not exported. */
    public String name(ProcessAttributes p) {
        Named n = match(p);
        return n == null ? null : n.name();
    }

    @Override
    public Named match(ProcessAttributes p) {
        for (Rule r : rules) {
            String name = r.match(p);
            if (name != null) {
                return new Named(name, r.template.perProcess());
            }
        }
        return null;
    }

    @Override
    public boolean needsCgroups() {
        return rules.stream().anyMatch(r -> r.template.needsCgroups());
    }

    @Override
    public List<String> declaredGroups() {
        List<String> out = new ArrayList<>();
        for (Rule r : rules) {
            for (String name : r.expected) {
                if (!out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    public static NamingConfig load(Path file) throws ConfigFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigFileException(KIND, file, 0, "cannot read: " + e);
        }
        return parse(file, text);
    }

    static NamingConfig parse(Path file, String text) throws ConfigFileException {
        YamlNodes<ConfigFileException> yaml = new YamlNodes<>((line, problem) ->
                new ConfigFileException(KIND, file, line, problem));
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            root = composer.getSingleNode().orElseThrow(() ->
                    new ConfigFileException(KIND, file, 0, "empty file, expected process_names"));
        } catch (MarkedYamlEngineException e) {
            throw new ConfigFileException(KIND, file, e.getProblemMark().map(m -> m.getLine() + 1).orElse(0),
                    "invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ConfigFileException(KIND, file, 0, "invalid YAML: " + e.getMessage());
        }
        Map<String, NodeTuple> top = yaml.mapping(root, "the file", ROOT_KEYS);
        NodeTuple names = top.get("process_names");
        if (names == null || YamlNodes.isNull(names.getValueNode())) {
            throw yaml.error(root, "process_names is missing");
        }
        if (!(names.getValueNode() instanceof SequenceNode list)) {
            throw yaml.error(names.getValueNode(), "process_names must be a list");
        }
        List<Rule> rules = new ArrayList<>();
        for (Node item : list.getValue()) {
            rules.add(rule(yaml, item));
        }
        return new NamingConfig(rules);
    }

    private static Rule rule(YamlNodes<ConfigFileException> yaml, Node item) throws ConfigFileException {
        Map<String, NodeTuple> entries = yaml.mapping(item, "a process_names entry", RULE_KEYS);
        Set<String> comms = null;
        Map<String, String> exes = null;
        List<Pattern> cmdlines = null;
        List<List<String>> groupNames = new ArrayList<>();
        if (entries.containsKey("comm")) {
            comms = Set.copyOf(yaml.strings(entries.get("comm").getValueNode(), "comm"));
        }
        if (entries.containsKey("exe")) {
            exes = new HashMap<>();
            for (String e : yaml.strings(entries.get("exe").getValueNode(), "exe")) {
                if (e.contains("/")) {
                    exes.put(new ProcessAttributes(0, "", List.of(e), "", 0, List.of()).exeBase(), e);
                } else {
                    exes.put(e, "");
                }
            }
        }
        if (entries.containsKey("cmdline")) {
            cmdlines = new ArrayList<>();
            Node node = entries.get("cmdline").getValueNode();
            List<String> regexps = yaml.strings(node, "cmdline");
            for (int i = 0; i < regexps.size(); i++) {
                Node at = node instanceof SequenceNode s ? s.getValue().get(i) : node;
                List<String> namesOut = new ArrayList<>();
                cmdlines.add(compile(yaml, at, regexps.get(i), namesOut));
                groupNames.add(namesOut);
            }
        }
        if (comms == null && exes == null && cmdlines == null) {
            throw yaml.error(item, "no matchers provided (comm, exe or cmdline)");
        }
        String template = entries.containsKey("name") ? yaml.string(entries.get("name").getValueNode(), "name") : "";
        if (template.isEmpty()) {
            template = "{{.ExeBase}}";
        }
        NameTemplate parsed;
        try {
            parsed = NameTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            Node at = entries.containsKey("name") ? entries.get("name").getValueNode() : item;
            throw yaml.error(at, "bad name template \"" + template + "\": " + e.getMessage());
        }
        List<String> expected = entries.containsKey("expect")
                ? expected(yaml, entries.get("expect").getValueNode(), parsed, template) : List.of();
        return new Rule(comms, exes, cmdlines, groupNames, parsed, expected);
    }

    /** The groups an {@code expect} declares: {@code true} (a literal name), or a list of names. */
    private static List<String> expected(YamlNodes<ConfigFileException> yaml, Node node, NameTemplate template,
                                         String source) throws ConfigFileException {
        boolean list = node instanceof SequenceNode;
        if (!list && !yaml.bool(node, "expect")) {
            return List.of();
        }
        if (template.perProcess()) {
            throw yaml.error(node, "expect cannot declare groups of name \"" + source
                    + "\": a name with {{.PID}} or {{.StartTime}} belongs to one process, not known in advance");
        }
        String literal = template.literal();
        if (list) {
            List<String> names = yaml.strings(node, "expect");
            for (String name : names) {
                if (name.isEmpty()) {
                    throw yaml.error(node, "expect lists an empty group name");
                }
                if (literal != null && !name.equals(literal)) {
                    throw yaml.error(node, "expect lists \"" + name + "\", which this rule never names (its name is \""
                            + literal + "\")");
                }
            }
            return List.copyOf(new java.util.LinkedHashSet<>(names));
        }
        if (literal == null) {
            throw yaml.error(node, "expect: true needs a literal name, but \"" + source
                    + "\" is a template; list the names it is expected to render: expect: [name, ...]");
        }
        return List.of(literal);
    }

    private static Pattern compile(YamlNodes<ConfigFileException> yaml, Node at, String regexp, List<String> namesOut)
            throws ConfigFileException {
        try {
            return goRegexp(regexp, namesOut);
        } catch (PatternSyntaxException e) {
            throw yaml.error(at, "bad cmdline regex \"" + regexp + "\": " + e.getDescription());
        }
    }

    /**
     * Compiles a Go (RE2) regexp as a Java one. Named groups are renamed to positions, because
     * Java group names cannot hold the underscores Go allows; {@code namesOut} receives, for every
     * capturing group in order, its Go name or null.
     */
    static Pattern goRegexp(String regexp, List<String> namesOut) {
        StringBuilder java = new StringBuilder();
        for (int i = 0; i < regexp.length(); i++) {
            char c = regexp.charAt(i);
            if (c == '\\' && i + 1 < regexp.length()) {
                java.append(c).append(regexp.charAt(++i));
            } else if (c == '[') {
                int end = classEnd(regexp, i);
                java.append(regexp, i, end);
                i = end - 1;
            } else if (c == '(') {
                Matcher named = GO_NAMED_GROUP.matcher(regexp).region(i, regexp.length());
                if (named.lookingAt()) {
                    namesOut.add(named.group(1));
                    java.append('(');
                    i = named.end() - 1;
                } else if (i + 1 < regexp.length() && regexp.charAt(i + 1) == '?') {
                    java.append(c);
                } else {
                    namesOut.add(null);
                    java.append(c);
                }
            } else {
                java.append(c);
            }
        }
        return Pattern.compile(java.toString());
    }

    /** Index just past the character class starting at {@code start}. */
    private static int classEnd(String s, int start) {
        int i = start + 1;
        if (i < s.length() && s.charAt(i) == '^') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
        }
        while (i < s.length() && s.charAt(i) != ']') {
            if (s.charAt(i) == '\\') {
                i++;
            }
            i++;
        }
        return Math.min(i + 1, s.length());
    }
}
