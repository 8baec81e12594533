package io.modellibrary.web;

import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Use this" panel's code, laid out to be read without scrolling sideways (docs/decisions.md W17): a shell
 * command longer than {@link #COLUMNS} is continued on the next line with a backslash, as a shell reads it, a
 * Python call's arguments go on lines of their own, and in the page a {@code <wbr>} after each {@code /} lets
 * a URL still too long for the box wrap at a slash rather than mid-word (the stylesheet wraps what remains).
 * The text copied, by the Copy button or by selecting, is the code exactly: {@code <wbr>} adds no character.
 */
final class Snippets {

    /**
     * The columns a line keeps to: what the panel's box shows at a 1,280 px wide window (its side column 30rem,
     * code at 13 px, a monospace character about 0.6 em wide: 54 columns) with room for wider fonts.
     */
    static final int COLUMNS = 52;
    private static final String SHELL_INDENT = "  ";
    private static final String PYTHON_INDENT = "    ";

    private Snippets() {
    }

    /**
     * One shell command of {@code parts} (each kept whole on a line: a command and its argument, an option and
     * its value), on one line when it fits {@link #COLUMNS}, else continued with {@code " \"} and indented.
     *
     * @param parts at least one; none contains a line break
     */
    static String shell(String... parts) {
        StringBuilder out = new StringBuilder(parts[0]);
        int line = parts[0].length();
        for (int i = 1; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            // what this line would be with the part, and the " \" it needs when a part follows it
            if (line + 1 + parts[i].length() + (last ? 0 : 2) <= COLUMNS) {
                out.append(' ').append(parts[i]);
                line += 1 + parts[i].length();
            } else {
                out.append(" \\\n").append(SHELL_INDENT).append(parts[i]);
                line = SHELL_INDENT.length() + parts[i].length();
            }
        }
        return out.toString();
    }

    /**
     * A Python call {@code callee(args)}: on one line when it fits {@link #COLUMNS}; else the arguments on one
     * indented line of their own when that fits, else one per line with a trailing comma; {@code )} on its own line.
     *
     * @param callee what is called, with anything before it ({@code model = AutoModel.from_pretrained})
     * @param args   the arguments as written
     */
    static String pythonCall(String callee, String... args) {
        String joined = String.join(", ", args);
        if (callee.length() + joined.length() + 2 <= COLUMNS) {
            return callee + "(" + joined + ")";
        }
        if (PYTHON_INDENT.length() + joined.length() <= COLUMNS) {
            return callee + "(\n" + PYTHON_INDENT + joined + "\n)";
        }
        List<String> lines = new ArrayList<>();
        for (String arg : args) {
            lines.add(PYTHON_INDENT + arg + ",");
        }
        return callee + "(\n" + String.join("\n", lines) + "\n)";
    }

    /** {@code code} as HTML for a {@code <pre>}: escaped, with a {@code <wbr>} after each {@code /}. */
    static String html(String code) {
        return code == null ? null : HtmlUtils.htmlEscape(code).replace("/", "/<wbr>");
    }
}
