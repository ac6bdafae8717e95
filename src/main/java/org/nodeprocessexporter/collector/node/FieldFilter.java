package org.nodeprocessexporter.collector.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A {@code --collector.*.fields} regexp applied to counter names (netstat, vmstat), as Go's
 * unanchored {@code MatchString}. The kernel's counter names are the same every scrape, so each
 * name's answer is remembered instead of running the regexp over a few hundred names per scrape;
 * the answer depends only on the name and the fixed pattern, so it cannot go stale.
 */
final class FieldFilter {
    /** More distinct names than any kernel has; past it (fixture trees, a runaway file) stop remembering. */
    private static final int MAX_REMEMBERED = 4096;

    private final Pattern pattern;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    FieldFilter(Pattern pattern) {
        this.pattern = pattern != null ? pattern : Pattern.compile("");
    }

    boolean accepts(String name) {
        Boolean known = answers.get(name);
        if (known != null) {
            return known;
        }
        boolean match = pattern.matcher(name).find();
        if (answers.size() < MAX_REMEMBERED) {
            answers.put(name, match);
        }
        return match;
    }
}
