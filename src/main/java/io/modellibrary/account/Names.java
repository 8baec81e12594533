package io.modellibrary.account;

import io.modellibrary.common.BadRequestException;

import java.util.Locale;
import java.util.Set;

/**
 * Rules for user and team names, which are also namespaces of repository names
 * ({@code alice/bert}). ASCII only, so that two names cannot look alike; first and last
 * character a letter or digit; names the web client or the server use as a path
 * segment are reserved. Uniqueness is case-insensitive: {@link #key} is the stored key.
 */
final class Names {

    static final String USERNAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{1,30}[A-Za-z0-9]";
    static final String USERNAME_RULE = "must be 3 to 32 letters, digits, '-', '_' or '.', "
            + "starting and ending with a letter or digit";
    /** Empty means no team. */
    static final String TEAM_PATTERN = "|[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]{0,30}[A-Za-z0-9]";
    static final String TEAM_RULE = "must be empty or 1 to 32 letters, digits, '-', '_' or '.', "
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

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static boolean isReserved(String name) {
        return RESERVED.contains(key(name));
    }

    static void requireNotReserved(String field, String name) {
        if (name != null && isReserved(name)) {
            throw new BadRequestException(field + " '" + name + "' is reserved");
        }
    }
}
