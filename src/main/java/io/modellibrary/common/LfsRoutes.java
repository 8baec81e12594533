package io.modellibrary.common;

import java.util.regex.Pattern;

/**
 * The URL shape of Git LFS's routes, known to security (a missing login told in git-lfs's words)
 * and to the Hub face (its errors in git-lfs's form), which security may not depend on: the
 * repository's {@code /{prefix}{id}.git/...} (the batch API under {@code info/lfs/}, and
 * {@code info/refs}) and the signed transfer URLs the batch answer hands out,
 * {@code /api/lfs/...} (docs/hub-api.md).
 */
public final class LfsRoutes {

    /**
     * The 401 of the Git LFS routes without a (valid) credential where one is needed (an upload batch,
     * a transfer URL's own routes never): what git-lfs shows its user. Said by security before any
     * controller, and by the batch API for an anonymous upload (a download batch needs none).
     */
    public static final String NO_LOGIN = "authentication required: send a write access token (Authorization: Bearer <token>)";

    private static final Pattern LFS = Pattern.compile("^(/api/lfs/.+|(/datasets)?/[^/]+(/[^/]+)?\\.git/.*)$");

    private LfsRoutes() {
    }

    /** True for a Git LFS route; {@code path} is the raw request path without the context path. */
    public static boolean matches(String path) {
        return path != null && LFS.matcher(path).matches();
    }
}
