package io.modellibrary.account;

import io.modellibrary.common.BadRequestException;

import java.util.Locale;
import java.util.Set;

/**
 * Rules for user and organisation (team) names, which are also namespaces of repository names
 * ({@code alice/bert}). ASCII only, so that two names cannot look alike; first and last
 * character a letter or digit; names the web client or the server use as a path
 * segment are reserved. Uniqueness is case-insensitive: {@link #key} is the stored key.
 */
public final class Names {

    public static final String USERNAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{1,30}[A-Za-z0-9]";
    static final String USERNAME_RULE = "must be 3 to 32 letters, digits, '-', '_' or '.', "
            + "starting and ending with a letter or digit";
    /** Empty means no team. */
    public static final String TEAM_PATTERN = "|[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]{0,30}[A-Za-z0-9]";
    public static final String TEAM_RULE = "must be empty or 1 to 32 letters, digits, '-', '_' or '.', "
            + "starting and ending with a letter or digit";

    private static final Set<String> RESERVED = Set.of(
            "about", "account", "accounts", "actuator", "admin", "administrator", "anonymous", "anonymoususer",
            "api", "assets", "auth", "blob", "blog", "commit", "commits", "dataset", "datasets", "docs", "error",
            "files", "health", "help", "hub", "images", "login", "logout", "me", "model", "model-library",
            "modellibrary", "models", "new", "null", "organizations", "orgs", "profile", "register", "resolve",
            "root", "search", "settings", "signin", "signup", "spaces", "static", "support", "swagger-ui",
            "swagger-ui.html", "system", "team", "teams", "tree", "undefined", "user", "users", "v3");

    private Names() {
    }

    /** The lower-case form names are unique and looked up by. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static boolean isReserved(String name) {
        return RESERVED.contains(key(name));
    }

    /** A 400 naming the field when the name is reserved. */
    public static void requireNotReserved(String field, String name) {
        if (name != null && isReserved(name)) {
            throw new BadRequestException(field + " '" + name + "' is reserved");
        }
    }
}
