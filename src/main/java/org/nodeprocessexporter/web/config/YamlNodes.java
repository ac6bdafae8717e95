package org.nodeprocessexporter.web.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads from snakeyaml-engine nodes, failing with the file and line of the node, in the
 * spirit of Go's yaml.UnmarshalStrict: unknown keys, duplicate keys and wrong types are errors.
 */
final class YamlNodes {
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N");

    private final Path file;

    YamlNodes(Path file) {
        this.file = file;
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    WebConfigException error(Node node, String problem) {
        return new WebConfigException(file, line(node), problem);
    }

    /** YAML null ({@code key:}, {@code ~}, {@code null}) means "not set", as in Go. */
    static boolean isNull(Node node) {
        if (!(node instanceof ScalarNode s)) {
            return false;
        }
        if (Tag.NULL.equals(node.getTag())) {
            return true;
        }
        String v = s.getValue();
        return s.getScalarStyle() == ScalarStyle.PLAIN && (v.isEmpty() || v.equals("~") || v.equals("null"));
    }

    /** Mapping entries by key, rejecting keys outside {@code allowed} (null = any key). */
    Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) throws WebConfigException {
        if (!(node instanceof MappingNode m)) {
            throw error(node, what + " must be a mapping, not " + describe(node));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                throw error(k, "keys of " + what + " must be strings");
            }
            String key = ks.getValue();
            if (allowed != null && !allowed.contains(key)) {
                throw error(k, "unknown key \"" + key + "\" in " + what);
            }
            if (entries.putIfAbsent(key, t) != null) {
                throw error(k, "duplicate key \"" + key + "\" in " + what);
            }
        }
        return entries;
    }

    String string(Node node, String what) throws WebConfigException {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a string, not " + describe(node));
        }
        return isNull(node) ? "" : s.getValue();
    }

    boolean bool(Node node, String what) throws WebConfigException {
        String v = string(node, what);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v) || isNull(node)) {
            return false;
        }
        throw error(node, what + " must be true or false, not \"" + v + "\"");
    }

    int integer(Node node, String what) throws WebConfigException {
        String v = string(node, what);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be an integer, not \"" + v + "\"");
        }
    }

    List<String> strings(Node node, String what) throws WebConfigException {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, what + " must be a list of strings, not " + describe(node));
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(string(item, "each entry of " + what));
        }
        return out;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }
}
