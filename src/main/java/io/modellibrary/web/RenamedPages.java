package io.modellibrary.web;

import io.modellibrary.catalog.CatalogService;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A repository page opened under an old name (one it was renamed or moved from,
 * {@code catalog/RepoAliases}) answers 302 to the same page under the current name: the rest of
 * the path (revision, file) and the query kept as sent. A 302, not a 301: the old name can be
 * taken by a new repository later, and then leads there. Only for {@code GET} and {@code HEAD}
 * (a form posted to an old name is served as before: the services resolve old names themselves),
 * and only for a caller who may see the repository: for anyone else the old name stays the one
 * 404 page of a name that never existed. The API and the Hub routes keep answering under old
 * names (docs/decisions.md W8). The bare model's own page, {@code /{name}}, shared with profiles,
 * is redirected by {@link ProfilePageController}.
 */
@Component
class RenamedPages implements HandlerInterceptor {

    /** The controllers of the pages below a repository's URL. */
    private static final Set<Class<?>> REPO_PAGES = Set.of(RepoPageController.class, RepoChangeController.class,
            RepoSettingsController.class, UploadPageController.class);

    private final CatalogService catalog;

    RenamedPages(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !REPO_PAGES.contains(method.getBeanType())
                || !(HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod()))) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null || variables.get("name") == null) {
            return true;
        }
        String namespace = variables.get("namespace");
        RepoType type = RepoPageController.type(request);
        Optional<String> current = renamedTo(type, WebPaths.repoName(namespace, variables.get("name")));
        if (current.isEmpty()) {
            return true;
        }
        // the raw path after the old name's segments ("/datasets"?, namespace?, name), encoding kept
        int skip = (type == RepoType.DATASET ? 1 : 0) + (namespace == null || namespace.isEmpty() ? 0 : 1) + 1;
        String path = WebPaths.path(request);
        int at = 0;
        for (int i = 0; i < skip && at >= 0; i++) {
            at = path.indexOf('/', at + 1);
        }
        String rest = at < 0 ? "" : path.substring(at);
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", request.getContextPath() + new RepoUrls(type, current.get()).home() + rest
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        return false;
    }

    /** {@link CatalogService#renamedTo} for the signed-in caller, or an anonymous one. */
    private Optional<String> renamedTo(RepoType type, String name) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        CurrentUser user = auth != null && auth.getPrincipal() instanceof CurrentUser signedIn ? signedIn : null;
        return catalog.renamedTo(type, name, user);
    }

    /**
     * Where the bare model page {@code /{name}} sends a browser when {@code name} is an old name (inside the
     * application, query kept), or empty; for {@link ProfilePageController}, which serves profiles there too.
     */
    Optional<String> bareModelPage(String name, CurrentUser user, HttpServletRequest request) {
        return catalog.renamedTo(RepoType.MODEL, name, user).map(current -> new RepoUrls(RepoType.MODEL, current).home()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }
}
