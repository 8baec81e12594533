package io.modellibrary.web;

import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.HeadMovedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;

/**
 * The pages that change a repository's files and history, each a form that posts with its CSRF
 * token and is answered by a redirect to the page that shows the result: edit a text file
 * ({@code /edit/{branch}/{path}}), create one ({@code /new/{branch}/{folder}}), delete a file or
 * folder ({@code /delete/{branch}/{path}}, after a confirmation page), restore a revision as a
 * new commit ({@code /restore/{revision}}, after a confirmation page too), and the comparison of two revisions
 * ({@code /compare/{from}...{to}}, GitHub's URL). Anonymous callers are sent to sign in; the
 * services answer 404 for a repository the caller may not see and 403 when it may only read it.
 */
@Controller
class RepoChangeController {

    private final RepoChanges changes;
    private final ComparePages compare;
    private final PageRepos lookup;

    RepoChangeController(RepoChanges changes, ComparePages compare, PageRepos lookup) {
        this.changes = changes;
        this.compare = compare;
        this.lookup = lookup;
    }

    @GetMapping({WebPaths.MODEL + "/edit/{branch}/{*path}", WebPaths.DATASET + "/edit/{branch}/{*path}",
            WebPaths.BARE_MODEL + "/edit/{branch}/{*path}", WebPaths.BARE_DATASET + "/edit/{branch}/{*path}"})
    String editForm(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String branch,
                    @PathVariable String path, HttpServletRequest request, @AuthenticationPrincipal CurrentUser user, Model model) {
        if (user == null) {
            return signIn(namespace, name, request);
        }
        model.addAttribute("page", changes.editPage(RepoPageController.type(request), WebPaths.repoName(namespace, name), WebPaths.branch(branch),
                RepoPageController.strip(path), user));
        return "edit";
    }

    @PostMapping({WebPaths.MODEL + "/edit/{branch}/{*path}", WebPaths.DATASET + "/edit/{branch}/{*path}",
            WebPaths.BARE_MODEL + "/edit/{branch}/{*path}", WebPaths.BARE_DATASET + "/edit/{branch}/{*path}"})
    String edit(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String branch,
                @PathVariable String path, @RequestParam(defaultValue = "") String content,
                @RequestParam(required = false) String message, @RequestParam(required = false) String parentCommit,
                HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CurrentUser user,
                Model model) throws IOException {
        if (user == null) {
            return signIn(request);
        }
        return save(WebPaths.repoName(namespace, name), WebPaths.branch(branch), RepoPageController.strip(path), content,
                message, parentCommit, false, request, response, user, model);
    }

    @GetMapping({WebPaths.MODEL + "/new/{branch}/{*folder}", WebPaths.DATASET + "/new/{branch}/{*folder}",
            WebPaths.BARE_MODEL + "/new/{branch}/{*folder}", WebPaths.BARE_DATASET + "/new/{branch}/{*folder}"})
    String newForm(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String branch,
                   @PathVariable String folder, @RequestParam(required = false) String filename, HttpServletRequest request,
                   @AuthenticationPrincipal CurrentUser user, Model model) {
        if (user == null) {
            return signIn(namespace, name, request);
        }
        model.addAttribute("page", changes.newPage(RepoPageController.type(request), WebPaths.repoName(namespace, name), WebPaths.branch(branch),
                RepoPageController.strip(folder), filename, user));
        return "edit";
    }

    /** The new file's path comes from the form ({@code path}), the folder in the URL being only where the form started. */
    @PostMapping({WebPaths.MODEL + "/new/{branch}/{*folder}", WebPaths.DATASET + "/new/{branch}/{*folder}",
            WebPaths.BARE_MODEL + "/new/{branch}/{*folder}", WebPaths.BARE_DATASET + "/new/{branch}/{*folder}"})
    String create(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String branch,
                  @RequestParam(defaultValue = "") String path, @RequestParam(defaultValue = "") String content,
                  @RequestParam(required = false) String message, @RequestParam(required = false) String parentCommit,
                  HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CurrentUser user,
                  Model model) throws IOException {
        if (user == null) {
            return signIn(request);
        }
        return save(WebPaths.repoName(namespace, name), WebPaths.branch(branch), path, content, message, parentCommit, true,
                request, response, user, model);
    }

    /**
     * Commits the edit or new-file form; when the file itself changed, went or appeared since the form was
     * opened (a commit to another file refuses nothing, {@link RepoChanges#save}), shows it again (409) with the
     * user's text kept. Any other refusal (a path with {@code ..} segments: 400, a new file's path that
     * exists: 409) shows the form again too, with the reason above it and path, text and message kept
     * ({@link Forms#attempt}).
     */
    private String save(String repo, String branch, String path, String content, String message, String parentCommit,
                        boolean creating, HttpServletRequest request, HttpServletResponse response, CurrentUser user,
                        Model model) throws IOException {
        var type = RepoPageController.type(request);
        String view = Forms.attempt(() -> {
            try {
                return "redirect:" + changes.save(type, repo, branch, path, content, message, parentCommit, creating, user);
            } catch (HeadMovedException moved) {
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("page", changes.movedPage(type, repo, branch, path, content, message, creating, user));
                return "edit";
            }
        }, "edit", response, model);
        if (Forms.refused(model)) {
            model.addAttribute("page", changes.refusedPage(type, repo, branch, path, content, message, parentCommit, creating, user));
        }
        return view;
    }

    @GetMapping({WebPaths.MODEL + "/delete/{branch}/{*path}", WebPaths.DATASET + "/delete/{branch}/{*path}",
            WebPaths.BARE_MODEL + "/delete/{branch}/{*path}", WebPaths.BARE_DATASET + "/delete/{branch}/{*path}"})
    String deleteForm(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String branch,
                      @PathVariable String path, HttpServletRequest request, @AuthenticationPrincipal CurrentUser user,
                      Model model) {
        if (user == null) {
            return signIn(namespace, name, request);
        }
        model.addAttribute("page", changes.deletePage(RepoPageController.type(request), WebPaths.repoName(namespace, name),
                WebPaths.branch(branch), RepoPageController.strip(path), user));
        return "delete";
    }

    @PostMapping({WebPaths.MODEL + "/delete/{branch}/{*path}", WebPaths.DATASET + "/delete/{branch}/{*path}",
            WebPaths.BARE_MODEL + "/delete/{branch}/{*path}", WebPaths.BARE_DATASET + "/delete/{branch}/{*path}"})
    String delete(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String branch,
                  @PathVariable String path, @RequestParam(required = false) String message,
                  @RequestParam(required = false) String parentCommit, HttpServletRequest request,
                  @AuthenticationPrincipal CurrentUser user) throws IOException {
        if (user == null) {
            return signIn(request);
        }
        return "redirect:" + changes.delete(RepoPageController.type(request), WebPaths.repoName(namespace, name), WebPaths.branch(branch),
                RepoPageController.strip(path), message, parentCommit, user);
    }

    /**
     * The confirmation page of a restore (the commit page's button leads here): what restoring {@code path}
     * (all when empty) as at {@code revision} on {@code branch} (main by default) would change, and the
     * form that posts it; {@code before}, a commit whose parent {@code revision} is, makes the page say
     * "as it was before commit …" (W18). 404 for a revision that names no commit, 403 for a reader.
     */
    @GetMapping({WebPaths.MODEL + "/restore/{revision}", WebPaths.DATASET + "/restore/{revision}",
            WebPaths.BARE_MODEL + "/restore/{revision}", WebPaths.BARE_DATASET + "/restore/{revision}"})
    String restoreForm(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String revision,
                       @RequestParam(required = false) String path, @RequestParam(required = false) String branch,
                       @RequestParam(required = false) String before,
                       HttpServletRequest request, @AuthenticationPrincipal CurrentUser user, Model model) {
        if (user == null) {
            return signIn(namespace, name, request);
        }
        model.addAttribute("page", changes.restorePage(RepoPageController.type(request), WebPaths.repoName(namespace, name),
                WebPaths.revision(revision), path, branch, before, user));
        return "restore";
    }

    /**
     * Restores {@code path} (all when empty) as at {@code revision}, as one new commit on {@code branch} (main by
     * default), on the head the confirmation was shown at ({@code parentCommit}): when the branch moved since,
     * the confirmation page again (409) with what restoring would change now and a message that nothing was restored.
     */
    @PostMapping({WebPaths.MODEL + "/restore/{revision}", WebPaths.DATASET + "/restore/{revision}",
            WebPaths.BARE_MODEL + "/restore/{revision}", WebPaths.BARE_DATASET + "/restore/{revision}"})
    String restore(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String revision,
                   @RequestParam(required = false) String path, @RequestParam(required = false) String branch,
                   @RequestParam(required = false) String message, @RequestParam(required = false) String parentCommit,
                   @RequestParam(required = false) String before,
                   HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CurrentUser user,
                   Model model) throws IOException {
        if (user == null) {
            return signIn(request);
        }
        var type = RepoPageController.type(request);
        String repo = WebPaths.repoName(namespace, name);
        try {
            return "redirect:" + changes.restore(type, repo, WebPaths.revision(revision), path, branch, message, parentCommit, before, user);
        } catch (HeadMovedException moved) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("page", changes.movedRestorePage(type, repo, WebPaths.revision(revision), path, branch, before, message, user));
            return "restore";
        }
    }

    /**
     * {@code /compare/{from}...{to}}; without them ({@code /compare?from=&to=}, the page's form
     * sent without script) a redirect to that URL. A revision that names no commit (404) or a form
     * without two revisions (400) shows the comparison form with the reason and what was typed.
     */
    @GetMapping({WebPaths.MODEL + "/compare/{*spec}", WebPaths.DATASET + "/compare/{*spec}",
            WebPaths.BARE_MODEL + "/compare/{*spec}", WebPaths.BARE_DATASET + "/compare/{*spec}"})
    String compare(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String spec,
                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CurrentUser user,
                   Model model) {
        var type = RepoPageController.type(request);
        String repo = WebPaths.repoName(namespace, name);
        String revisions = RepoPageController.strip(spec);
        String view = Forms.attempt(() -> {
            if (revisions.isEmpty()) {
                lookup.redirectIfRenamed(type, repo, user);
                return "redirect:" + ComparePages.url(type, repo, from, to);
            }
            model.addAttribute("page", compare.compare(type, repo, revisions, user));
            return "compare";
        }, "compare", response, model);
        if (Forms.refused(model)) {
            model.addAttribute("page", revisions.isEmpty() ? compare.refused(type, repo, from, to, user)
                    : compare.refused(type, repo, revisions, user));
        }
        return view;
    }

    private static String signIn(HttpServletRequest request) {
        return "redirect:" + AccountPageController.signInFor(request);
    }

    /** A form page's sign-in, asked of an anonymous caller after an old name's redirect ({@link PageRepos#redirectIfRenamed}). */
    private String signIn(String namespace, String name, HttpServletRequest request) {
        lookup.redirectIfRenamed(RepoPageController.type(request), WebPaths.repoName(namespace, name), null);
        return signIn(request);
    }
}
