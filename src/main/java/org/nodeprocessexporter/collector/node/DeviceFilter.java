package org.nodeprocessexporter.collector.node;

import java.util.regex.Pattern;

/**
 * node_exporter's device filter: a device is ignored when it matches the exclude regexp, or when
 * an include regexp is set and it does not match it. Unanchored, like Go's {@code MatchString}.
 */
record DeviceFilter(Pattern exclude, Pattern include) {

    boolean ignored(String name) {
        return (exclude != null && exclude.matcher(name).find())
                || (include != null && !include.matcher(name).find());
    }
}
