package io.modellibrary.account;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.ReservedNames;

import java.util.Locale;

/**
 * Rules for user and organisation (team) names, which are also namespaces of repository names
 * ({@code alice/bert}). ASCII only, so that two names cannot look alike; first and last
 * character a letter or digit, no {@code --} or {@code ..} (the Hub's repository id rule); names
 * the web client or the server use as a path segment are reserved ({@link ReservedNames}). Uniqueness is case-insensitive: {@link #key} is the stored key.
 */
public final class Names {

    public static final String USERNAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{1,30}[A-Za-z0-9]";
    static final String USERNAME_RULE = "must be 3 to 32 letters, digits, '-', '_' or '.', "
            + "starting and ending with a letter or digit";
    /** Empty means no team. */
    public static final String TEAM_PATTERN = "|[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]{0,30}[A-Za-z0-9]";
    public static final String TEAM_RULE = "must be empty or 1 to 32 letters, digits, '-', '_' or '.', "
            + "starting and ending with a letter or digit";

    private Names() {
    }

    /** The lower-case form names are unique and looked up by. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static boolean isReserved(String name) {
        return ReservedNames.isReserved(name);
    }

    /**
     * A 400 naming the field when a new name is reserved ({@link ReservedNames#isReserved}) or
     * breaks the Hub's repository id rule ({@code --}, {@code ..}: {@link ReservedNames#hubProblem}).
     */
    public static void requireNotReserved(String field, String name) {
        if (name != null && isReserved(name)) {
            throw new BadRequestException(field + " '" + name + "' is reserved");
        }
        String problem = name == null ? null : ReservedNames.hubProblem(name);
        if (problem != null) {
            throw new BadRequestException(field + " " + problem);
        }
    }
}
