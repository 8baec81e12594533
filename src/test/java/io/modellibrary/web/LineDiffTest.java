package io.modellibrary.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The commit page's line diff reads as git's: kept lines, then a changed line's old text before its new text. */
class LineDiffTest {

    private static List<String> diff(String before, String after) {
        return LineDiff.of(before, after).stream().map(l -> l.kind() + l.text()).toList();
    }

    @Test
    void aChangedLineShowsItsOldTextBeforeItsNewText() {
        assertThat(diff("a\nold\nc\n", "a\nnew\nc\n")).containsExactly(" a", "-old", "+new", " c");
    }

    @Test
    void linesOnlyAddedOrOnlyRemovedKeepTheirPlace() {
        assertThat(diff("a\nc\n", "a\nb\nc\n")).containsExactly(" a", "+b", " c");
        assertThat(diff("a\nb\nc\n", "a\nc\n")).containsExactly(" a", "-b", " c");
        assertThat(diff("", "x\n")).containsExactly("+x");
        assertThat(diff("x\n", "")).containsExactly("-x");
    }

    @Test
    void textsTooLargeToCompareCheaplyAreNotDiffed() {
        String big = "line\n".repeat(3000);
        assertThat(LineDiff.of(big, big + "more\n")).isNull();
    }
}
