package org.nodeprocessexporter.collector.node;

import java.util.regex.Pattern;
import org.nodeprocessexporter.cli.UsageException;
import org.nodeprocessexporter.collector.CollectorContext;

/**
 * node_exporter's exclude/include pair of regexps over device (or mount point, fs type) names. As in
 * Go, a pattern matches anywhere in the name unless anchored. Giving only the include flag drops the
 * exclude flag's default; giving both is a usage error.
 *
 * @param exclude names matching it are ignored; null for none
 * @param include names not matching it are ignored; null for none
 */
record DeviceFilter(Pattern exclude, Pattern include) {

    static DeviceFilter fromFlags(CollectorContext ctx, String excludeFlag, String includeFlag) throws UsageException {
        ctx.requireNotBoth(includeFlag, excludeFlag);
        Pattern include = ctx.flags().regexp(includeFlag);
        Pattern exclude = include != null ? null : ctx.flags().regexp(excludeFlag);
        return new DeviceFilter(exclude, include);
    }

    boolean ignored(String name) {
        return (exclude != null && exclude.matcher(name).find()) || (include != null && !include.matcher(name).find());
    }
}
