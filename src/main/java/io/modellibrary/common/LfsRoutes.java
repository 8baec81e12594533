package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

    /** The prefix of the signed transfer URLs a batch answer hands out (objects, their parts, completion, verify). */
    public static final String TRANSFERS = "/api/lfs/";

    private static final Pattern LFS = Pattern.compile("^(/api/lfs/.+|(/datasets)?/[^/]+(/[^/]+)?\\.git/.*)$");

    /**
     * git's smart HTTP discovery of a repository named without {@code .git}: {@code [/datasets]/{id}/info/refs}
     * (never under {@code /api/}). The path alone is also the branches page of a namespace-less repository
     * {@code {name}/info}; git's request is told apart by its {@code service} parameter.
     */
    private static final Pattern GIT_DISCOVERY = Pattern.compile("^(/datasets)?/(?!api/)[^/]+(/[^/]+)?/info/refs$");

    private LfsRoutes() {
    }

    /**
     * True for git's discovery request at a repository URL without {@code .git} ({@code git clone
     * http://host/alice/bert} sends {@code GET /alice/bert/info/refs?service=git-upload-pack}), which
     * {@code hub.LfsController} answers as {@code .git/info/refs}: a GET or HEAD to such a path whose raw
     * query string has a parameter named {@code service} (its name percent-decoded) (Spring's {@code params = "service"} condition,
     * read here without parsing any body). Security lets it through without a token, and its refusals take
     * Git LFS's form, as for the {@code .git} form ({@link #matches}).
     */
    public static boolean isGitDiscovery(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method) || !hasService(request.getQueryString())) {
            return false;
        }
        String path = RequestPaths.inApp(request);
        return path != null && GIT_DISCOVERY.matcher(path).matches();
    }

    /**
     * True for a request answered in Git LFS's form: a Git LFS route ({@link #matches(String)}) or git's
     * discovery request without {@code .git} ({@link #isGitDiscovery}).
     */
    public static boolean takesLfsForm(HttpServletRequest request) {
        return matches(RequestPaths.inApp(request)) || isGitDiscovery(request);
    }

    private static boolean hasService(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (URLDecoder.decode(name, StandardCharsets.UTF_8).equals("service")) {
                    return true; // decoded as the container decodes a parameter's name
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed escape: no parameter (MalformedQueryFilter refuses the request)
            }
        }
        return false;
    }

    /**
     * True for an object's or a part's upload (a {@code PUT} to a transfer URL): its body is the
     * object's bytes whatever {@code Content-Type} the client gives it. {@code curl -X PUT
     * --data-binary @model.bin <href>} labels it {@code application/x-www-form-urlencoded}, and the
     * form filters ({@code MalformedQueryFilter}, Spring's {@code FormContentFilter}) must not read
     * such a body as a form. The path is the servlet path, decoded and normalised by the container.
     */
    public static boolean isObjectUpload(HttpServletRequest request) {
        return "PUT".equals(request.getMethod()) && request.getServletPath().startsWith(TRANSFERS);
    }

    /** True for a Git LFS route; {@code path} is the raw request path without the context path. */
    public static boolean matches(String path) {
        return path != null && LFS.matcher(path).matches();
    }
}
