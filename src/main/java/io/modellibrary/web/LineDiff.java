package io.modellibrary.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two small texts (longest common subsequence), for the commit page: lines
 * kept, removed and added in order. Refuses (null) texts whose line counts multiply past
 * {@value #MAX_CELLS}, so a commit page never spends more than a few milliseconds here.
 */
final class LineDiff {

    /** The largest table (old lines × new lines) computed. */
    static final long MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    /** The diff, or null when the texts are too large to compare cheaply. */
    static List<WebViews.DiffLine> of(String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        if ((long) a.length * b.length > MAX_CELLS) {
            return null;
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<WebViews.DiffLine> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new WebViews.DiffLine(" ", a[i++]));
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                // On a tie the removed line comes first, as git and GitHub show a changed line.
                out.add(new WebViews.DiffLine("-", a[i++]));
            } else {
                out.add(new WebViews.DiffLine("+", b[j++]));
            }
        }
        return out;
    }

    private static String[] lines(String text) {
        if (text == null || text.isEmpty()) {
            return new String[0];
        }
        // A final newline ends the last line rather than starting an empty one.
        String body = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.split("\\r?\\n", -1);
    }
}
