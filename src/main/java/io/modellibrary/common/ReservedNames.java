package io.modellibrary.common;

import java.util.Locale;
import java.util.Set;

/**
 * Names that new users, organisations and repositories may not take, and the Hub's rule for
 * the parts of a repository id. Compared ignoring case; names stored before these rules keep
 * working (only registrations, organisation creations, repository creations and renames are checked).
 *
 * <ul>
 *   <li>{@link #isReserved}: the words the server and the web client use as path segments
 *   (docs/hub-api.md "Names that must be reserved" and the route table): a user, organisation
 *   or repository named so would make {@code /{name}}, {@code /api/models/{ns}/{name}/tree/...}
 *   or {@code /{ns}/{name}.git/...} ambiguous; among them every first path segment the server
 *   serves itself (a controller's literal first segment, a static resource handler's, such as the
 *   pages' assets under {@code /web/}), whose {@code /{name}} page the server would never show.</li>
 *   <li>{@link #hubProblem}: {@code validate_repo_id} of {@code huggingface_hub/utils/_validators.py}
 *   (no {@code --}, no {@code ..}, first and last character a letter, digit or underscore, no
 *   {@code .git} suffix); a name breaking it could never be used from the Python client.</li>
 * </ul>
 */
public final class ReservedNames {

    private static final Set<String> RESERVED = Set.of(
            // server and web client paths (account/Names before the Hub routes)
            "about", "account", "accounts", "actuator", "admin", "administrator", "anonymous", "anonymoususer",
            "api", "assets", "auth", "blob", "blog", "commit", "commits", "dataset", "datasets", "docs", "error",
            "files", "health", "help", "hub", "images", "login", "logout", "me", "model", "model-library",
            "modellibrary", "models", "new", "null", "organizations", "orgs", "profile", "register", "resolve",
            "root", "search", "settings", "signin", "signup", "spaces", "static", "support", "swagger-ui",
            "swagger-ui.html", "system", "team", "teams", "tree", "undefined", "user", "users", "v3",
            // docs/hub-api.md "Add"
            "modellist", "datasetlist", "raw", "revision", "refs", "branch", "tag", "tags", "discussions", "pulls",
            "paths-info", "preupload", "join", "notifications", "buckets", "kernels", "collections", "papers",
            "pricing", "enterprise", "v2", "favicon.ico", "robots.txt", "v3-api-docs",
            // the other Hub route keywords after a repository id
            "xet-read-token", "xet-write-token", "lfs", "info", "git",
            // the Hub's new-repository pages beside /new (web/NewRepoPageController)
            "new-dataset",
            // first segments served by static resource handlers: the pages' assets (classpath static/web/)
            // and Spring Boot's /webjars/** (Swagger UI's); HubNameRulesTest lists every segment the server serves
            "web", "webjars",
            // files browsers fetch at the root by themselves, unlinked, as they do favicon.ico
            "apple-touch-icon.png", "apple-touch-icon-precomposed.png");

    private ReservedNames() {
    }

    /** True when the name (any case) is a route word. */
    public static boolean isReserved(String name) {
        return name != null && RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * What is wrong with one part of a repository id (a namespace or a name) under the Hub's
     * rule, or null when nothing is: no {@code --} or {@code ..}, no {@code -} or {@code .}
     * at either end, no {@code .git} suffix.
     */
    public static String hubProblem(String part) {
        if (part.contains("--") || part.contains("..")) {
            return "may not contain '--' or '..'";
        }
        if (part.startsWith("-") || part.startsWith(".") || part.endsWith("-") || part.endsWith(".")) {
            return "must start and end with a letter, digit or '_'";
        }
        if (part.toLowerCase(Locale.ROOT).endsWith(".git")) {
            return "may not end with '.git'";
        }
        return null;
    }
}
