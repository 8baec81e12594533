package io.modellibrary.versioning;

import io.modellibrary.common.BadRequestException;

import java.util.regex.Pattern;

/**
 * Which names a branch or tag may have: git's {@code check-ref-format} rules (git-check-ref-format(1),
 * rules 1–10, and {@code --branch}'s refusal of a leading {@code -}) narrowed to what fits a
 * URL untouched: 1 to {@value #MAX_LENGTH} characters of letters, digits, {@code . _ - /}
 * (so no control characters, spaces, {@code ~ ^ : ? * [ \}, {@code @{} or a lone {@code @});
 * no {@code ..}, {@code //}, leading or trailing {@code /} or {@code .}, no component that
 * begins with {@code .} or ends with {@code .lock}, and no leading {@code -} (git refuses it:
 * such a name becomes a command-line option in scripts). Also refused, so that a revision
 * never means two things: names under {@code refs/} (the Hub's {@code refs/pr/<n>} and git's
 * full names), {@code HEAD}, and names of 7 to 40 hex characters (they read as commit ids).
 * Names that differ only in case from an existing ref are refused by {@link Refs#create}.
 */
final class RefNames {

    static final int MAX_LENGTH = 100;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._/-]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,40}");

    private RefNames() {
    }

    /**
     * @throws BadRequestException naming {@code refName} and the rule broken
     */
    static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new BadRequestException("refName is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw new BadRequestException("refName is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new BadRequestException("refName may hold only letters, digits, '.', '_', '-' and '/'");
        }
        if (name.startsWith("-")) {
            throw new BadRequestException("refName must not start with '-' (git refuses it: it reads as a command-line option)");
        }
        if (name.contains("..") || name.contains("//") || name.startsWith("/") || name.endsWith("/")
                || name.startsWith(".") || name.endsWith(".") || name.endsWith(".lock") || name.contains(".lock/")
                || name.contains("/.")) {
            throw new BadRequestException("refName " + name + " is not a valid git ref name");
        }
        if (name.startsWith("refs/") || name.equals("HEAD") || HEX.matcher(name).matches()) {
            throw new BadRequestException("refName " + name + " is reserved: it would read as another revision");
        }
        return name;
    }
}
