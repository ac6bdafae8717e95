package org.nodeprocessexporter.collector.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A {@code --collector.*.fields} regexp applied to counter names (netstat, vmstat), as Go's
 * unanchored {@code MatchString}. The kernel's counter names are the same every scrape, so each
 * name's answer is remembered instead of running the regexp over a few hundred names per scrape;
 * the answer depends only on the name and the fixed pattern, so it cannot go stale. So is, for an
 * accepted name, what the collector makes of it (its metric name and help), built once.
 */
final class FieldFilter {
    /** More distinct names than any kernel has; past it (fixture trees, a runaway file) stop remembering. */
    private static final int MAX_REMEMBERED = 4096;

    private final Pattern pattern;
    private final Map<String, Object> answers = new ConcurrentHashMap<>();

    FieldFilter(Pattern pattern) {
        this.pattern = pattern != null ? pattern : Pattern.compile("");
    }

    /**
     * What {@code make} gives for an accepted name (remembered), or null when the pattern rejects
     * the name.
     */
    @SuppressWarnings("unchecked")
    <T> T metric(String name, java.util.function.Function<String, T> make) {
        Object known = answers.get(name);
        if (known != null) {
            return known == REJECTED ? null : (T) known;
        }
        T made = pattern.matcher(name).find() ? make.apply(name) : null;
        if (answers.size() < MAX_REMEMBERED) {
            answers.put(name, made != null ? made : REJECTED);
        }
        return made;
    }

    private static final Object REJECTED = new Object();
}
