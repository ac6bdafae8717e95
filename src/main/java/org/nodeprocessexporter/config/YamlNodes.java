package org.nodeprocessexporter.config;

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
 * Each configuration file kind brings its own exception type through {@code errors}.
 *
 * @param <E> the exception a problem in this file is reported as
 */
public final class YamlNodes<E extends Exception> {
    /** Makes the exception for a problem at a 1-based line (0 when unknown). */
    @FunctionalInterface
    public interface Errors<E extends Exception> {
        E at(int line, String problem);
    }

    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N");

    private final Errors<E> errors;

    public YamlNodes(Errors<E> errors) {
        this.errors = errors;
    }

    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public E error(Node node, String problem) {
        return errors.at(line(node), problem);
    }

    /** YAML null ({@code key:}, {@code ~}, {@code null}) means "not set", as in Go. */
    public static boolean isNull(Node node) {
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
    public Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) throws E {
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

    public String string(Node node, String what) throws E {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a string, not " + describe(node));
        }
        return isNull(node) ? "" : s.getValue();
    }

    public boolean bool(Node node, String what) throws E {
        String v = string(node, what);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v) || isNull(node)) {
            return false;
        }
        throw error(node, what + " must be true or false, not \"" + v + "\"");
    }

    public int integer(Node node, String what) throws E {
        String v = string(node, what);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be an integer, not \"" + v + "\"");
        }
    }

    public List<String> strings(Node node, String what) throws E {
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
