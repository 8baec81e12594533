package io.modellibrary.web;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Commit messages and titles as the pages show them ({@code fragments/text :: shown}): the Unicode
 * bidirectional controls that paths refuse ({@code U+202A}-{@code U+202E}, {@code U+2066}-{@code U+2069},
 * {@code U+200E}, {@code U+200F}, {@code U+061C}) but messages keep are shown as their code,
 * {@code <U+202E>}, instead of silently reordering the text after them (a message could otherwise read
 * as something else than it says). The stored message is unchanged; only its display is. The
 * templates reach this bean as {@code @visibleText} (public, for SpEL); a page title, which a fragment's parameter
 * cannot compute with a bean, takes {@link WebViews.CommitRow#plainMessage}.
 */
@Component("visibleText")
public class VisibleText {

    private static final VisibleText PARTS = new VisibleText();

    /**
     * One run of a text: plain characters, or one control written as {@code <U+XXXX>}.
     *
     * @param text    what to show
     * @param control true when it stands for a bidirectional control
     */
    public record Part(String text, boolean control) {
    }

    /** True for the bidirectional controls listed above. */
    static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /** {@code text} split into plain runs and controls, in order; none for null or empty. */
    public List<Part> parts(String text) {
        List<Part> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBidiControl(c)) {
                if (i > start) {
                    parts.add(new Part(text.substring(start, i), false));
                }
                parts.add(new Part(code(c), true));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            parts.add(new Part(text.substring(start), false));
        }
        return parts;
    }

    /** {@code text} with each control written as {@code <U+XXXX>}: for a page's {@code <title>} and attributes. */
    static String plain(String text) {
        StringBuilder out = new StringBuilder();
        PARTS.parts(text).forEach(part -> out.append(part.text()));
        return out.toString();
    }

    private static String code(char c) {
        return "<U+" + String.format(Locale.ROOT, "%04X", (int) c) + ">";
    }
}
