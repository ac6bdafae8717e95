package org.nodeprocessexporter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void equalListsHaveNoDiff() {
        assertThat(LineDiff.unified("a", List.of("x", "y"), "b", List.of("x", "y"))).isEmpty();
    }

    @Test
    void distantChangesGetTheirOwnHunksWithThreeLinesOfContext() {
        List<String> expected = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
                "13", "14");
        List<String> actual = List.of("1", "2", "3", "4", "five", "6", "7", "8", "9", "10", "11", "12",
                "13", "14", "15");
        assertThat(LineDiff.unified("expected.prom", expected, "scraped", actual)).isEqualTo("""
                --- expected.prom
                +++ scraped
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                @@ -12,3 +12,4 @@
                 12
                 13
                 14
                +15
                """);
    }

    @Test
    void changesWithinTwoContextsShareAHunk() {
        List<String> expected = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        List<String> actual = List.of("A", "b", "c", "d", "e", "f", "g", "H");
        assertThat(LineDiff.unified("x", expected, "y", actual)).isEqualTo("""
                --- x
                +++ y
                @@ -1,8 +1,8 @@
                -a
                +A
                 b
                 c
                 d
                 e
                 f
                 g
                -h
                +H
                """);
    }
}
