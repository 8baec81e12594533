package io.modellibrary.security;

import io.modellibrary.common.LfsRoutes;
import io.modellibrary.common.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Hugging Face Hub routes' URL shapes that security must know without knowing the
 * {@code hub} package (which depends on this one): the reads open to anonymous callers (a
 * private repository then answers as a missing one; the Git LFS batch API too), the POSTs that only read
 * ({@code paths-info}, allowed with a read token; {@code validate-yaml}, open to all), and the routes whose revision or path may
 * carry an encoded slash ({@code %2F}).
 */
final class HubPaths {

    /** {@code /{prefix}{id}/resolve|raw/{rev}/{path}}: file downloads (GET, HEAD); a Space's answers that Spaces are not supported. */
    private static final Pattern FILE = Pattern.compile("^(/datasets|/spaces)?/[^/]+(/[^/]+)?/(resolve|raw)/.+");
    /** {@code /api/{models|datasets}/{id}/paths-info/{rev}}: a read sent as POST. */
    private static final Pattern PATHS_INFO = Pattern.compile("^/api/(models|datasets)/[^/]+(/[^/]+)?/paths-info/[^/]+$");
    /**
     * Routes that take a revision or path with {@code %2F}: {@code huggingface_hub} quotes the
     * revision with {@code quote(rev, safe="")} everywhere ({@code refs%2Fheads%2Fdev}) and
     * {@code list_repo_tree} the folder too ({@code tree/main/sub%2Fdir}).
     */
    private static final Pattern ENCODED_SLASHES = Pattern.compile("^(/api/(models|datasets)/.*|(/datasets)?/[^/]+(/[^/]+)?/(resolve|raw)/.*)");
    /** {@code POST /api/validate-yaml}: a card's metadata checked before an upload; reads nothing stored. */
    private static final String VALIDATE_YAML = "/api/validate-yaml";
    private static final Set<String> READS = Set.of("GET", "HEAD");
    /**
     * The Git LFS transfer URLs the batch answer hands out ({@code hub.LfsTransfers}): signed, and
     * sent without {@code Authorization} by both clients; and {@code /{id}.git/info/refs}, which
     * answers 404 "not supported" to everyone (its form without {@code .git}: {@link LfsRoutes#isGitDiscovery}).
     */
    private static final Pattern SELF_AUTHORISED = Pattern.compile("^(/api/lfs/.+|(/datasets)?/[^/]+(/[^/]+)?\\.git/info/refs)$");
    /** {@code /{prefix}{id}.git/info/lfs/objects/batch}: the Git LFS batch API. */
    private static final Pattern LFS_BATCH = Pattern.compile("^(/datasets)?/[^/]+(/[^/]+)?\\.git/info/lfs/objects/batch$");
    /** Hub routes whose refusals (a read token's write: 403) use the Hub error form. */
    private static final Pattern HUB = Pattern.compile("^(/api/(models|datasets|spaces|repos)/.*|(/datasets)?/[^/]+(/[^/]+)?\\.git/.*)$");

    private HubPaths() {
    }

    /** A file download from a Hub URL. */
    static boolean isFileRead(HttpServletRequest request) {
        return READS.contains(request.getMethod()) && FILE.matcher(RequestPaths.inApp(request)).matches();
    }

    /** {@code POST .../paths-info/{rev}} and {@code POST /api/validate-yaml}. */
    static boolean isReadSentAsPost(HttpServletRequest request) {
        String path = RequestPaths.inApp(request);
        return "POST".equals(request.getMethod()) && (PATHS_INFO.matcher(path).matches() || VALIDATE_YAML.equals(path));
    }

    /**
     * A signed Git LFS transfer URL, or git's discovery request ({@code .git/info/refs}, or
     * {@code /info/refs?service=...} without {@code .git}, GET or HEAD only): no token needed.
     */
    static boolean isSelfAuthorised(HttpServletRequest request) {
        return SELF_AUTHORISED.matcher(RequestPaths.inApp(request)).matches() || LfsRoutes.isGitDiscovery(request);
    }

    /**
     * {@code POST} to the Git LFS batch API: open to anonymous callers, as a download batch of a
     * public repository needs no credential; the batch refuses an anonymous upload itself (401,
     * the operation being in the body), and an invalid token is refused before, as everywhere.
     */
    static boolean isLfsBatch(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && LFS_BATCH.matcher(RequestPaths.inApp(request)).matches();
    }

    /**
     * The upload page's own batch request: {@code POST} to the batch API without
     * {@code Authorization} but with the session cookie ({@link WebPages#SESSION_COOKIE}). A
     * script cannot read that {@code HttpOnly} cookie to make a bearer token of it, so the page's
     * batch goes through the pages' chain, where the cookie signs in and a CSRF token is required;
     * the Hub's clients, which send a token (or nothing), keep the API's chain.
     */
    static boolean isPageLfsBatch(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getHeader("Authorization") == null
                && LFS_BATCH.matcher(RequestPaths.inApp(request)).matches() && hasSessionCookie(request);
    }

    private static boolean hasSessionCookie(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        return cookies != null && java.util.Arrays.stream(cookies).anyMatch(c -> WebPages.SESSION_COOKIE.equals(c.getName()));
    }

    /** A Hub route: its refusals take the Hub error form. */
    static boolean isHubRoute(HttpServletRequest request) {
        return HUB.matcher(RequestPaths.inApp(request)).matches();
    }

    /** A Git LFS route ({@link LfsRoutes}, git's discovery without {@code .git} too): a missing login is told in git-lfs's words. */
    static boolean isLfsRoute(HttpServletRequest request) {
        return LfsRoutes.takesLfsForm(request);
    }

    /** A Hub route whose raw URI may hold {@code %2F} inside a segment. */
    static boolean takesEncodedSlashes(HttpServletRequest request) {
        return ENCODED_SLASHES.matcher(RequestPaths.inApp(request)).matches();
    }
}
