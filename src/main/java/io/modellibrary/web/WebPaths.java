package io.modellibrary.web;

import io.modellibrary.common.LfsRoutes;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.common.RequestPaths;
import io.modellibrary.content.UrlRevisions;
import io.modellibrary.security.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/**
 * The URL shapes of the browser pages, for security ({@link WebPages}: the session cookie and
 * CSRF apply to these only) and for the controllers' mappings ({@link #NAMESPACE}). Repository
 * pages sit at the Hub's URLs, {@code [/datasets]/{namespace}/{name}[/tree|blob|commits|commit|upload/...]}, with
 * the change pages beside them ({@code edit|new|delete|restore|compare|refs|settings|like}),
 * beside the Hub's {@code resolve} routes; a first segment the server uses for something else
 * ({@code api}, {@code images}, ...) is never a namespace here. {@code /{name}} is also a user's or an
 * organisation's profile; the account pages sit under {@code /settings/...} and {@code /organizations/...},
 * and the new-repository forms at {@code /new} and {@code /new-dataset}, as on the Hub.
 */
@Component
class WebPaths implements WebPages, io.modellibrary.common.PageSecurityPolicy, io.modellibrary.common.ErrorForm {

    private final RefusalPages refusals;

    WebPaths(RefusalPages refusals) {
        this.refusals = refusals;
    }

    /** The pages' policy: scripts, styles and fonts from this server only; images also from elsewhere (model cards link them). */
    static final String POLICY = "default-src 'self'; img-src 'self' http: https: data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Override
    public java.util.Optional<String> policyFor(HttpServletRequest request) {
        return matches(request) ? java.util.Optional.of(POLICY) : java.util.Optional.empty();
    }


    /** First path segments that are never a namespace of a page. */
    static final String RESERVED = "api|datasets|models|spaces|images|web|v3|swagger-ui|swagger-ui\\.html|actuator|"
            + "login|signup|logout|settings|new|new-dataset|error|organizations|modelList";
    /** A path variable's pattern for a namespace (a variable matches within one segment): not {@link #RESERVED}. */
    static final String NAMESPACE = "(?!(?:" + RESERVED + ")$).+";
    /** The controllers' mapping of a model page's root. */
    static final String MODEL = "/{namespace:" + NAMESPACE + "}/{name}";
    /** The same for a model without namespace (the namespace-less pool, {@code bert-base-uncased}). */
    static final String BARE_MODEL = "/{name:" + NAMESPACE + "}";
    /** The controllers' mapping of a dataset page's root. */
    static final String DATASET = "/datasets/{namespace}/{name}";
    /** The same for a dataset without namespace ({@code squad}). */
    static final String BARE_DATASET = "/datasets/{name}";

    private static final Pattern PAGE = Pattern.compile(
            "^(/|/(models|datasets|login|signup|logout|new|new-dataset)|/web/.+|(/datasets)?/(?!(?:" + RESERVED + ")(/|$))[^/]+"
                    + "(/[^/]+)?(/(tree|blob|commits|commit|upload|edit|new|delete|restore|compare|refs|settings|like)(/.*)?)?)$");

    /** Anything in one segment but an encoded slash. */
    private static final String SEGMENT = "(?:(?!%2[fF])[^/])+";
    /**
     * The pages whose revision segment may hold {@code %2F} ({@link #takesEncodedSlashes}): the
     * revision alone, never the repository's name or the file's path.
     */
    private static final Pattern REVISION_PAGE = Pattern.compile("^(/datasets)?/" + SEGMENT + "(/" + SEGMENT + ")?"
            + "/(tree|blob|commits|edit|new|delete|restore|upload|compare)/[^/]+(/(?:(?!%2[fF]).)*)?$");

    /** The signed-in user's settings and the organisation pages, at the Hub's URLs. */
    private static final Pattern ACCOUNT_PAGE = Pattern.compile("^/(settings|organizations)(/.*)?$");

    /**
     * A page's URL. Not git's discovery request ({@link LfsRoutes#isGitDiscovery}): {@code GET /{name}/info/refs?service=...}
     * looks like the branches page of a repository {@code {name}/info}, but is {@code git clone http://host/{name}},
     * which the Hub face answers, in its security chain and error form, as for {@code /{namespace}/{name}/info/refs}.
     */
    @Override
    public boolean matches(HttpServletRequest request) {
        String path = RequestPaths.inApp(request);
        return (PAGE.matcher(path).matches() || ACCOUNT_PAGE.matcher(path).matches()) && !LfsRoutes.isGitDiscovery(request);
    }

    /** The pages that take a revision, with {@code %2F} in the revision's segment only ({@link #REVISION_PAGE}). */
    @Override
    public boolean takesEncodedSlashes(HttpServletRequest request) {
        String path = RequestPaths.inApp(request);
        return REVISION_PAGE.matcher(path).matches() && PAGE.matcher(path).matches();
    }

    /** The upload form's target, {@code [/datasets]/{namespace}/{name}/upload/{branch}}, or without namespace. */
    private static final Pattern UPLOAD_FORM = Pattern.compile("^(/datasets)?/[^/]+(/[^/]+)?/upload/[^/]+$");

    /** The upload form's POST only: its body is streamed, never parsed for a {@code _csrf} field ({@link StreamedUploadFilter}). */
    @Override
    public boolean takesQueryCsrfToken(HttpServletRequest request) {
        return isUploadForm(request);
    }

    /**
     * True for the upload form's POST ({@link UploadPageController#upload}), of a repository with a namespace
     * or of one without ({@code /bert/upload/main}), never under a first segment that is no namespace.
     */
    static boolean isUploadForm(HttpServletRequest request) {
        String path = RequestPaths.inApp(request);
        return "POST".equals(request.getMethod()) && UPLOAD_FORM.matcher(path).matches() && PAGE.matcher(path).matches();
    }

    /**
     * A refusal written before the pages' handlers run (a malformed query string, a CSRF failure, the
     * firewall or the container refusing the URL): the site's styled error page ({@link RefusalPages}),
     * so a browser never shows raw JSON nor an unstyled page.
     */
    @Override
    public void write(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, int status, String message)
            throws java.io.IOException {
        refusals.write(request, response, status, message);
    }

    /**
     * A browser ({@code Accept: text/html}) asking for an address no face claims (such as {@code //x}):
     * the page too. API addresses ({@code /api/...}) keep their error form whatever {@code Accept} says.
     */
    @Override
    public boolean takesBrowsers(HttpServletRequest request) {
        String accept = request.getHeader(org.springframework.http.HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html") && !RequestPaths.inApp(request).startsWith("/api/");
    }

    /** The repository's full name from a page's path variables: {@code namespace/name}, or {@code name} without namespace. */
    static String repoName(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /**
     * A revision from a page's URL, read as the Hub routes read theirs ({@link UrlRevisions#parse}):
     * a branch (its {@code /} sent as {@code %2F}, as huggingface.co links {@code /tree/refs%2Fpr%2F1}),
     * a tag, a commit id, {@code refs/heads/x}, or {@code HEAD} for the default branch. A blank one,
     * or one with white space around it, names no revision (git's ref names allow neither:
     * {@code git check-ref-format}): 404, never the "blank means main" default, which is for an
     * optional parameter, not for a URL.
     *
     * @throws NoSuchItemException for such a value; thrown before the repository is looked at,
     *         so the answer is the same for a repository the caller may not see
     * @throws io.modellibrary.common.BadRequestException for a pull request ({@code refs/pr/N})
     * @throws io.modellibrary.versioning.NoSuchRevisionException for one over 256 characters
     */
    static String revision(String revision) {
        if (revision == null || revision.isBlank() || !revision.equals(revision.strip())) {
            throw new NoSuchItemException("no such revision: " + revision);
        }
        return UrlRevisions.parse(revision);
    }

    /**
     * The branch a change page commits to, from its URL: as {@link #revision}, and
     * {@code refs/heads/x} is the branch {@code x}, as on the Hub's commit route ({@link UrlRevisions#branch}).
     *
     * @throws NoSuchItemException as {@link #revision}
     */
    static String branch(String branch) {
        return UrlRevisions.branch(revision(branch));
    }

    /** True for a dataset page's URL ({@code /datasets/...}). */
    static boolean isDataset(HttpServletRequest request) {
        return RequestPaths.inApp(request).startsWith("/datasets/");
    }
}
