package io.modellibrary.web;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A repository's pages at the Hub's URLs: the card, a folder ({@code tree}), a file
 * ({@code blob}), the history ({@code commits}) and one commit (with what a restore that led there did,
 * {@link RestoreNotices}). A repository the caller may not
 * see answers 404, exactly as a missing one ({@link WebErrors}).
 */
@Controller
class RepoPageController {

    private final RepoPages pages;

    RepoPageController(RepoPages pages) {
        this.pages = pages;
    }

    // WebPaths.BARE_MODEL ({@code /{name}}) is ProfilePageController's: a user or organisation first, else this card.
    @GetMapping({WebPaths.MODEL, WebPaths.DATASET, WebPaths.BARE_DATASET})
    String card(@PathVariable(required = false) String namespace, @PathVariable String name, HttpServletRequest request,
                @AuthenticationPrincipal CurrentUser user, Model model) {
        String endpoint = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        model.addAttribute("page", pages.main(type(request), WebPaths.repoName(namespace, name), user, endpoint));
        return "repo";
    }

    @GetMapping({WebPaths.MODEL + "/tree/{revision}/{*path}", WebPaths.DATASET + "/tree/{revision}/{*path}",
            WebPaths.BARE_MODEL + "/tree/{revision}/{*path}", WebPaths.BARE_DATASET + "/tree/{revision}/{*path}"})
    String tree(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String revision,
                @PathVariable String path, @RequestParam(required = false) String cursor, HttpServletRequest request,
                @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", pages.tree(type(request), WebPaths.repoName(namespace, name), WebPaths.revision(revision), strip(path), cursor, user));
        return "tree";
    }

    @GetMapping({WebPaths.MODEL + "/blob/{revision}/{*path}", WebPaths.DATASET + "/blob/{revision}/{*path}",
            WebPaths.BARE_MODEL + "/blob/{revision}/{*path}", WebPaths.BARE_DATASET + "/blob/{revision}/{*path}"})
    String blob(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String revision,
                @PathVariable String path, HttpServletRequest request, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", pages.blob(type(request), WebPaths.repoName(namespace, name), WebPaths.revision(revision), strip(path), user));
        return "blob";
    }

    /** The history from a revision, of everything or (a path after the revision) of one file or folder. */
    @GetMapping({WebPaths.MODEL + "/commits/{revision}/{*path}", WebPaths.DATASET + "/commits/{revision}/{*path}",
            WebPaths.BARE_MODEL + "/commits/{revision}/{*path}", WebPaths.BARE_DATASET + "/commits/{revision}/{*path}"})
    String commits(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String revision,
                   @PathVariable String path, @RequestParam(name = "p", defaultValue = "1") int page, HttpServletRequest request,
                   @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", pages.history(type(request), WebPaths.repoName(namespace, name), WebPaths.revision(revision), strip(path),
                Math.max(1, Math.min(page, 1_000_000)), user));
        return "commits";
    }

    @GetMapping({WebPaths.MODEL + "/commit/{id}", WebPaths.DATASET + "/commit/{id}",
            WebPaths.BARE_MODEL + "/commit/{id}", WebPaths.BARE_DATASET + "/commit/{id}"})
    String commit(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String id,
                  @RequestParam(required = false) String restored, @RequestParam(required = false) String unchanged,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String path,
                  @RequestParam(required = false) String before,
                  HttpServletRequest request, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", pages.commit(type(request), WebPaths.repoName(namespace, name), id, user,
                new RepoPages.RestoreQuery(restored, unchanged, from, path, before)));
        return "commit";
    }

    static RepoType type(HttpServletRequest request) {
        return WebPaths.isDataset(request) ? RepoType.DATASET : RepoType.MODEL;
    }

    /** A {@code {*path}} capture without its leading slash. */
    static String strip(String path) {
        return path == null || path.isEmpty() ? "" : path.substring(1);
    }
}
