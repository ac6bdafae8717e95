package org.nodeprocessexporter.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two lists of lines ({@code diff -u} style hunks with three lines of context),
 * for assertion messages that a reviewer reads. Longest common subsequence by dynamic programming:
 * quadratic, which is fine for expositions of a few thousand lines.
 */
public final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    /** The diff from {@code expected} to {@code actual}; empty when they are equal. */
    public static String unified(String expectedName, List<String> expected, String actualName, List<String> actual) {
        List<Op> ops = ops(expected, actual);
        List<Integer> changes = new ArrayList<>();
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k).kind != ' ') {
                changes.add(k);
            }
        }
        StringBuilder out = new StringBuilder();
        int c = 0;
        while (c < changes.size()) {
            int last = c;
            // Changes closer than two contexts apart share a hunk, as in diff -u.
            while (last + 1 < changes.size() && changes.get(last + 1) - changes.get(last) <= 2 * CONTEXT + 1) {
                last++;
            }
            int start = Math.max(0, changes.get(c) - CONTEXT);
            int end = Math.min(ops.size(), changes.get(last) + 1 + CONTEXT);
            if (out.length() == 0) {
                out.append("--- ").append(expectedName).append('\n').append("+++ ").append(actualName).append('\n');
            }
            int oldCount = 0;
            int newCount = 0;
            for (int k = start; k < end; k++) {
                char kind = ops.get(k).kind;
                oldCount += kind != '+' ? 1 : 0;
                newCount += kind != '-' ? 1 : 0;
            }
            out.append("@@ -").append(ops.get(start).oldLine + 1).append(',').append(oldCount)
                    .append(" +").append(ops.get(start).newLine + 1).append(',').append(newCount).append(" @@\n");
            for (int k = start; k < end; k++) {
                out.append(ops.get(k).kind).append(ops.get(k).text).append('\n');
            }
            c = last + 1;
        }
        return out.toString();
    }

    private record Op(char kind, String text, int oldLine, int newLine) {
    }

    private static List<Op> ops(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i++, j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i), i++, j));
            } else {
                ops.add(new Op('+', b.get(j), i, j++));
            }
        }
        return ops;
    }
}
