package io.modellibrary.web;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.RequestPaths;
import io.modellibrary.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Creating a repository in the browser, at the Hub's URLs: {@code /new} for a model,
 * {@code /new-dataset} for a dataset ({@code ?owner=} preselects an owner). The form posts
 * {@code owner}, {@code name}, {@code visibility} ({@code public} or {@code private}) and an
 * optional {@code task}; a redirect to the new repository's page follows, and a refusal shows the
 * form again with the reason and its status (400, 403, 409).
 * Anonymous visitors are sent to sign in and back. Both words are reserved names
 * ({@code common.ReservedNames}), so no profile {@code /{name}} can hide these pages.
 */
@Controller
class NewRepoPageController {

    private static final String NEW_DATASET = "/new-dataset";

    private final NewRepoPages pages;

    NewRepoPageController(NewRepoPages pages) {
        this.pages = pages;
    }

    @GetMapping({"/new", NEW_DATASET})
    String form(@RequestParam(defaultValue = "") String owner, HttpServletRequest request,
                @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", pages.blank(type(request), owner, CurrentUser.require(user)));
        return "new-repo";
    }

    /** Creates the repository and shows its page; the form again with the reason when refused. */
    @PostMapping({"/new", NEW_DATASET})
    String create(@RequestParam(defaultValue = "") String owner, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String visibility, @RequestParam(defaultValue = "") String task,
                  HttpServletRequest request, @AuthenticationPrincipal CurrentUser user, HttpServletResponse response,
                  Model model) {
        CurrentUser me = CurrentUser.require(user);
        RepoType type = type(request);
        NewRepoPages.Entered entered = new NewRepoPages.Entered(owner.strip(), name.strip(), visibility, task);
        model.addAttribute("page", pages.again(type, entered, me));
        return Forms.attempt(() -> "redirect:" + pages.create(type, entered, me), "new-repo", response, model);
    }

    private static RepoType type(HttpServletRequest request) {
        return NEW_DATASET.equals(RequestPaths.inApp(request)) ? RepoType.DATASET : RepoType.MODEL;
    }
}
