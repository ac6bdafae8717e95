package org.nodeprocessexporter.collector.node;

/**
 * Small non-negative integers as label values (CPU columns, block orders), each made once: the
 * collectors that label by them write the same few hundred every scrape.
 */
final class IndexLabels {
    private static volatile String[] made = new String[0];

    private IndexLabels() {
    }

    static String of(int i) {
        String[] m = made;
        return i < m.length ? m[i] : grow(i);
    }

    private static synchronized String grow(int i) {
        String[] m = made;
        if (i < m.length) {
            return m[i];
        }
        String[] more = java.util.Arrays.copyOf(m, Math.max(i + 1, Math.max(16, m.length * 2)));
        for (int k = m.length; k < more.length; k++) {
            more[k] = Integer.toString(k);
        }
        made = more;
        return more[i];
    }
}
