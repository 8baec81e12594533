package io.modellibrary.web;

import io.modellibrary.catalog.CatalogService;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.common.RequestPaths;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * The repository pages' one lookup of the repository a URL names, for reading ({@link #readable},
 * {@link #snapshot}), writing ({@link #writable}) or administering ({@link #administrable}): the rules
 * of {@link RepoAccess} and {@link CatalogService} (a repository the caller may not see is
 * {@link NoSuchItemException}, exactly as a missing one), and one more for pages. A page opened under an
 * old name (one the repository was renamed or moved from, {@code catalog/RepoAliases}) by {@code GET}
 * or {@code HEAD} answers 302 to the same page under the current name ({@link OldRepoName}, answered by
 * {@link WebErrors}): the name asked for is compared with the one found ({@link CatalogService#isOldName}),
 * after the caller was found to see the repository and before their role on it is checked, so that a
 * private repository's old name stays the one 404 of a name that never existed, and a page that needs
 * a role the caller lacks says so under the current name. A form posted to an old name is served as
 * before. The API and the Hub's routes keep answering under old names (docs/decisions.md W8).
 */
@Component
class PageRepos {

    private final RepoAccess access;
    private final CatalogService catalog;

    PageRepos(RepoAccess access, CatalogService catalog) {
        this.access = access;
        this.catalog = catalog;
    }

    /**
     * The repository, for reading.
     *
     * @throws NoSuchItemException when it does not exist or the caller may not see it
     * @throws OldRepoName         when {@code name} is an old name of it and the page is a {@code GET} or {@code HEAD}
     */
    Repo readable(RepoType type, String name, CurrentUser user) {
        Repo repo = access.readable(type, name, user);
        if (CatalogService.isOldName(name, repo, user) && pageRead()) {
            throw new OldRepoName(repo.getName());
        }
        return repo;
    }

    /** The repository at a revision, for reading: {@link #readable}, then {@link RepoAccess#snapshot(Repo, String)}. */
    RepoAccess.Snapshot snapshot(RepoType type, String name, String revision, CurrentUser user) {
        return access.snapshot(readable(type, name, user), revision);
    }

    /** A repository this lookup found, at a revision ({@link RepoAccess#snapshot(Repo, String)}). */
    RepoAccess.Snapshot snapshot(Repo repo, String revision) {
        return access.snapshot(repo, revision);
    }

    /**
     * The repository, for writing: {@link #readable}, then the write role ({@link CatalogService#findWritable}'s rule).
     *
     * @throws io.modellibrary.common.ApiException 403 when the caller may see it but not change it
     */
    Repo writable(RepoType type, String name, CurrentUser user) {
        return catalog.requireRole(readable(type, name, user), user, Role.WRITE);
    }

    /** The repository, for administering: as {@link #writable}, with the admin role ({@link CatalogService#findAdministrable}). */
    Repo administrable(RepoType type, String name, CurrentUser user) {
        return catalog.requireRole(readable(type, name, user), user, Role.ADMIN);
    }

    /**
     * For a page that answers before it looks the repository up (one that asks an anonymous caller to
     * sign in first, the comparison form's redirect): {@link OldRepoName} when {@code name} is an old name
     * of a repository the caller may see ({@link CatalogService#renamedTo}) and the page is a {@code GET} or
     * {@code HEAD}; nothing otherwise, whether the repository exists or not.
     */
    void redirectIfRenamed(RepoType type, String name, CurrentUser user) {
        if (pageRead()) {
            catalog.renamedTo(type, name, user).ifPresent(current -> {
                throw new OldRepoName(current);
            });
        }
    }

    /** True while a page is read ({@code GET} or {@code HEAD}); false for a form posted, or outside a request. */
    private static boolean pageRead() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return false;
        }
        HttpServletRequest request = attributes.getRequest();
        return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
    }

    /**
     * A page asked for under an old name of a repository the caller may see: {@link WebErrors} answers 302
     * to the same page under {@link #current} (the rest of the path and the query kept as sent).
     */
    static final class OldRepoName extends RuntimeException {

        private final String current;

        OldRepoName(String current) {
            super("renamed to " + current, null, false, false);
            this.current = current;
        }

        /** The repository's current name ({@code owner/name}, or a bare model's or dataset's name). */
        String current() {
            return current;
        }

        /**
         * Where the page asked for by {@code request} is under the current name: inside the application,
         * the rest of the path after the old name's segments ({@code /datasets}?, namespace?, name) with its
         * encoding as sent, and the query as sent.
         */
        String location(HttpServletRequest request) {
            RepoType type = RepoPageController.type(request);
            @SuppressWarnings("unchecked")
            Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            String namespace = variables == null ? null : variables.get("namespace");
            int skip = (type == RepoType.DATASET ? 1 : 0) + (namespace == null || namespace.isEmpty() ? 0 : 1) + 1;
            String path = RequestPaths.inApp(request);
            int at = 0;
            for (int i = 0; i < skip && at >= 0; i++) {
                at = path.indexOf('/', at + 1);
            }
            String rest = at < 0 ? "" : path.substring(at);
            return request.getContextPath() + new RepoUrls(type, current).home() + rest
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        }
    }
}
