package org.nodeprocessexporter.collector.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorContext;

/**
 * node_exporter's exclude/include pair of regexps over device (or mount point, fs type) names. As in
 * Go, a pattern matches anywhere in the name unless anchored. Giving only the include flag drops the
 * exclude flag's default; giving both is a usage error.
 *
 * <p>The names are mostly the same every scrape (a host's disks, interfaces, mounts), so each
 * name's answer is remembered rather than running the regexps again: filesystem alone matched
 * ~30 names a scrape against its long defaults. The answer depends only on the name and the fixed
 * patterns, so it cannot go stale. Hosts where names come and go (containers' veth interfaces
 * and mounts) would fill the memory without end, so it is emptied when it reaches
 * {@link #MAX_REMEMBERED} names and refills with those still in use.
 */
final class DeviceFilter {
    static final int MAX_REMEMBERED = 1024;

    private final Pattern exclude;
    private final Pattern include;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    /**
     * @param exclude names matching it are ignored; null for none
     * @param include names not matching it are ignored; null for none
     */
    DeviceFilter(Pattern exclude, Pattern include) {
        this.exclude = exclude;
        this.include = include;
    }

    static DeviceFilter fromFlags(CollectorContext ctx, String excludeFlag, String includeFlag) throws UsageException {
        ctx.requireNotBoth(includeFlag, excludeFlag);
        Pattern include = ctx.flags().regexp(includeFlag);
        Pattern exclude = include != null ? null : ctx.flags().regexp(excludeFlag);
        return new DeviceFilter(exclude, include);
    }

    /**
     * The pair where upstream applies both regexps when both are given (interrupts): a name is kept
     * when it matches the include and not the exclude.
     */
    static DeviceFilter fromBothFlags(CollectorContext ctx, String excludeFlag, String includeFlag) {
        return new DeviceFilter(ctx.flags().regexp(excludeFlag), ctx.flags().regexp(includeFlag));
    }

    boolean ignored(String name) {
        Boolean known = answers.get(name);
        if (known != null) {
            return known;
        }
        boolean ignored = (exclude != null && exclude.matcher(name).find())
                || (include != null && !include.matcher(name).find());
        if (answers.size() >= MAX_REMEMBERED) {
            answers.clear();
        }
        answers.put(name, ignored);
        return ignored;
    }

    /** How many answers are remembered now (for tests). */
    int remembered() {
        return answers.size();
    }
}
