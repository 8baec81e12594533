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
 * {@code /{name}}: a user's or an organisation's profile, as on the Hub, else the card of the
 * namespace-less model of that name ({@code /bert-base-uncased}). The two cannot collide: a
 * user or organisation name is refused while a namespace-less repository holds it
 * ({@code BareRepoNames}), and that pool takes no new names. Nothing of either: 404, the same
 * page as for a private model. A model's old name (renamed or moved) answers 302 to its page ({@link PageRepos}).
 */
@Controller
class ProfilePageController {

    private final ProfilePages profiles;
    private final RepoPages repos;
    ProfilePageController(ProfilePages profiles, RepoPages repos) {
        this.profiles = profiles;
        this.repos = repos;
    }

    /**
     * The profile, organisation page or bare model of this name. {@code deletedOrg} is the query the
     * organisation deletion form redirects with: the user's own profile then says that organisation
     * was deleted, only while no organisation of that name exists (a hand-made link cannot make the
     * page say it of one that is there).
     */
    @GetMapping(WebPaths.BARE_MODEL)
    String profileOrModel(@PathVariable String name, @RequestParam(required = false) String deletedOrg, HttpServletRequest request,
                          @AuthenticationPrincipal CurrentUser user, Model model) {
        var person = profiles.user(name, user);
        if (person.isPresent()) {
            model.addAttribute("page", person.get());
            model.addAttribute("deletedOrg", person.get().self() ? profiles.deletedOrg(deletedOrg).orElse(null) : null);
            if (person.get().self()) {
                // the header counts what this page lists, read just now, rather than the marks read before it settled them
                model.addAttribute("myInvitations", person.get().invitations().size());
            }
            return "profile";
        }
        var org = profiles.org(name, user);
        if (org.isPresent()) {
            model.addAttribute("page", org.get());
            return "org";
        }
        String endpoint = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        model.addAttribute("page", repos.main(RepoType.MODEL, name, user, endpoint));
        return "repo";
    }
}
