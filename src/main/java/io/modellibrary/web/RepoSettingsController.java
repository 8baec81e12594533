package io.modellibrary.web;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
    private final PageRepos lookup;

    RepoSettingsController(RepoChanges changes, PageRepos lookup) {
        this.changes = changes;
        this.lookup = lookup;
    }

    @GetMapping({WebPaths.MODEL + "/refs", WebPaths.DATASET + "/refs"})
    String refs(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
                @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", changes.refsPage(RepoPageController.type(request), WebPaths.repoName(namespace, name), user));
        return "refs";
    }

    /**
     * Creates a branch or a tag ({@code kind}) named {@code refName} at {@code revision}; when refused
     * (an invalid name: 400, one taken: 409, no such revision: 404) the refs page again with the reason
     * and what was typed.
     */
    @PostMapping({WebPaths.MODEL + "/refs", WebPaths.DATASET + "/refs"})
    String createRef(@PathVariable String namespace, @PathVariable String name, @RequestParam(defaultValue = "") String kind,
                     @RequestParam(defaultValue = "") String refName, @RequestParam(defaultValue = "main") String revision,
                     HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CurrentUser user,
                     Model model) {
        if (user == null) {
            return signIn(request);
        }
        var type = RepoPageController.type(request);
        String repo = WebPaths.repoName(namespace, name);
        String view = Forms.attempt(() -> "redirect:" + changes.createRef(type, repo, kind, refName, revision, user),
                "refs", response, model);
        if (!view.startsWith("redirect:")) {
            model.addAttribute("page", changes.refsPage(type, repo, user));
            model.addAttribute("entered", new EnteredRef(kind, refName, revision));
        }
        return view;
    }

    /** What was typed in the new-ref form, shown again with its refusal. */
    record EnteredRef(String kind, String refName, String revision) {
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
            lookup.redirectIfRenamed(RepoPageController.type(request), WebPaths.repoName(namespace, name), null);
            return signIn(request);
        }
        model.addAttribute("page", changes.settingsPage(RepoPageController.type(request), WebPaths.repoName(namespace, name), user));
        return "settings";
    }

    /**
     * One settings form: {@code rename} ({@code newName}), {@code visibility} ({@code private} or
     * {@code public}) or {@code delete} ({@code confirm}: the repository's full name, typed); 404 for another action.
     * A refused form shows the settings page again with the reason by that form and what was typed:
     * 400 for an invalid name, 409 for a name another repository has.
     */
    @PostMapping({WebPaths.MODEL + "/settings/{action}", WebPaths.DATASET + "/settings/{action}"})
    String changeSettings(@PathVariable String namespace, @PathVariable String name, @PathVariable String action,
                          @RequestParam(defaultValue = "") String newName, @RequestParam(defaultValue = "") String visibility,
                          @RequestParam(defaultValue = "") String confirm, HttpServletRequest request,
                          HttpServletResponse response, @AuthenticationPrincipal CurrentUser user, Model model) {
        if (user == null) {
            return signIn(request);
        }
        var type = RepoPageController.type(request);
        String repo = WebPaths.repoName(namespace, name);
        String view = Forms.attempt(() -> "redirect:" + switch (action) {
            case "rename" -> changes.rename(type, repo, newName, user);
            case "visibility" -> changes.visibility(type, repo, visibility(visibility), user);
            case "delete" -> changes.deleteRepo(type, repo, confirm, user);
            default -> throw new NoSuchItemException("no such settings form: " + action);
        }, "settings", response, model);
        if (!view.startsWith("redirect:")) {
            model.addAttribute("page", changes.settingsPage(type, repo, user));
            model.addAttribute("failed", action);
            model.addAttribute("newName", newName);
        }
        return view;
    }

    /** True for {@code private}, false for {@code public}; 400 otherwise (a typo never publishes a repository). */
    static boolean visibility(String value) {
        if (!value.equals("private") && !value.equals("public")) {
            throw new BadRequestException("visibility must be private or public");
        }
        return value.equals("private");
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
