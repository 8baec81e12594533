package io.modellibrary.web;

import io.modellibrary.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A repository's branches and tags ({@code /refs}), its settings ({@code /settings}: rename,
 * visibility, delete) and the like button ({@code POST /like}). These two-segment pages exist for
 * {@code namespace/name} repositories only: {@code /{name}/settings} of a namespace-less one would
 * be the page of the repository {@code {name}/settings}. Forms post with their CSRF token and are
 * answered by a redirect; 404 for a repository the caller may not see, 403 without the role
 * (write for branches and tags, admin for settings).
 */
@Controller
class RepoSettingsController {

    private final RepoChanges changes;

    RepoSettingsController(RepoChanges changes) {
        this.changes = changes;
    }

    @GetMapping({WebPaths.MODEL + "/refs", WebPaths.DATASET + "/refs"})
    String refs(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
                @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", changes.refsPage(RepoPageController.type(request), WebPaths.repoName(namespace, name), user));
        return "refs";
    }

    /** Creates a branch or a tag ({@code kind}) named {@code refName} at {@code revision}. */
    @PostMapping({WebPaths.MODEL + "/refs", WebPaths.DATASET + "/refs"})
    String createRef(@PathVariable String namespace, @PathVariable String name, @RequestParam(defaultValue = "") String kind,
                     @RequestParam(defaultValue = "") String refName, @RequestParam(defaultValue = "main") String revision,
                     HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) {
        if (user == null) {
            return signIn(request);
        }
        return "redirect:" + changes.createRef(RepoPageController.type(request), WebPaths.repoName(namespace, name), kind,
                refName, revision, user);
    }

    @PostMapping({WebPaths.MODEL + "/refs/delete", WebPaths.DATASET + "/refs/delete"})
    String deleteRef(@PathVariable String namespace, @PathVariable String name, @RequestParam(defaultValue = "") String kind,
                     @RequestParam(defaultValue = "") String refName, HttpServletRequest request,
                     @AuthenticationPrincipal CurrentUser user) {
        if (user == null) {
            return signIn(request);
        }
        return "redirect:" + changes.deleteRef(RepoPageController.type(request), WebPaths.repoName(namespace, name), kind,
                refName, user);
    }

    @GetMapping({WebPaths.MODEL + "/settings", WebPaths.DATASET + "/settings"})
    String settings(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
                    @AuthenticationPrincipal CurrentUser user, Model model) {
        if (user == null) {
            return signIn(request);
        }
        model.addAttribute("page", changes.settingsPage(RepoPageController.type(request), WebPaths.repoName(namespace, name), user));
        return "settings";
    }

    @PostMapping({WebPaths.MODEL + "/settings/rename", WebPaths.DATASET + "/settings/rename"})
    String rename(@PathVariable String namespace, @PathVariable String name, @RequestParam(defaultValue = "") String newName,
                  HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) {
        if (user == null) {
            return signIn(request);
        }
        return "redirect:" + changes.rename(RepoPageController.type(request), WebPaths.repoName(namespace, name), newName, user);
    }

    /** {@code visibility}: {@code private} or {@code public}. */
    @PostMapping({WebPaths.MODEL + "/settings/visibility", WebPaths.DATASET + "/settings/visibility"})
    String visibility(@PathVariable String namespace, @PathVariable String name, @RequestParam(defaultValue = "") String visibility,
                      HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) {
        if (user == null) {
            return signIn(request);
        }
        if (!visibility.equals("private") && !visibility.equals("public")) {
            throw new io.modellibrary.common.BadRequestException("visibility must be private or public");
        }
        return "redirect:" + changes.visibility(RepoPageController.type(request), WebPaths.repoName(namespace, name),
                visibility.equals("private"), user);
    }

    /** {@code confirm}: the repository's full name, typed. */
    @PostMapping({WebPaths.MODEL + "/settings/delete", WebPaths.DATASET + "/settings/delete"})
    String deleteRepo(@PathVariable String namespace, @PathVariable String name, @RequestParam(defaultValue = "") String confirm,
                      HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) {
        if (user == null) {
            return signIn(request);
        }
        return "redirect:" + changes.deleteRepo(RepoPageController.type(request), WebPaths.repoName(namespace, name), confirm, user);
    }

    /** {@code like}: {@code true} to like, {@code false} to take the like back. */
    @PostMapping({WebPaths.MODEL + "/like", WebPaths.DATASET + "/like"})
    String like(@PathVariable String namespace, @PathVariable String name, @RequestParam(defaultValue = "true") boolean like,
                HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) {
        if (user == null) {
            return signIn(request);
        }
        return "redirect:" + changes.like(RepoPageController.type(request), WebPaths.repoName(namespace, name), like, user);
    }

    private static String signIn(HttpServletRequest request) {
        return "redirect:" + AccountPageController.signInFor(request);
    }
}
