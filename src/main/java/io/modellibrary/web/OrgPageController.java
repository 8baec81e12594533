package io.modellibrary.web;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.org.OrgService;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/**
 * Organisations in the browser, at the Hub's URLs: {@code /organizations/new}, the members page
 * {@code /organizations/{org}/settings/members} (its admins only: 403 for anyone else, as the API
 * answers), and the forms of the organisation's page {@code /{org}}: ask to join, answer an
 * invitation, leave; and the members page's danger zone, which deletes the organisation. Each calls
 * {@link OrgService} as {@code /api/orgs} does, with its rules: only an admin changes members and
 * roles, answers join requests or deletes the organisation (not while it holds repositories: 409),
 * the last admin can neither leave nor be demoted (409).
 */
@Controller
@RequestMapping("/organizations")
class OrgPageController {

    private static final String ORG = "{org:[A-Za-z0-9._-]{1,64}}";
    private static final String USER = "{username:[A-Za-z0-9._-]{1,64}}";
    private static final String MEMBERS = "/" + ORG + "/settings/members";

    private final OrgService orgs;
    private final ProfilePages pages;

    OrgPageController(OrgService orgs, ProfilePages pages) {
        this.orgs = orgs;
        this.pages = pages;
    }

    @GetMapping("/new")
    String newOrg(@AuthenticationPrincipal CurrentUser user) {
        CurrentUser.require(user);
        return "org-new";
    }

    /** Creates the organisation with the caller as its admin and shows its page; the form again with the reason when refused. */
    @PostMapping("/new")
    String create(@RequestParam(defaultValue = "") String name, @AuthenticationPrincipal CurrentUser user,
                  HttpServletResponse response, Model model) {
        CurrentUser me = CurrentUser.require(user);
        model.addAttribute("name", name);
        return Forms.attempt(() -> {
            orgs.create(name.strip(), me);
            return "redirect:/" + name.strip();
        }, "org-new", response, model);
    }

    @PostMapping("/" + ORG + "/join")
    String requestToJoin(@PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        orgs.requestToJoin(org, CurrentUser.require(user));
        return "redirect:/" + org;
    }

    @PostMapping("/" + ORG + "/invitation/accept")
    String acceptInvitation(@PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        orgs.acceptInvitation(org, CurrentUser.require(user));
        return "redirect:/" + org;
    }

    @PostMapping("/" + ORG + "/invitation/decline")
    String declineInvitation(@PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        orgs.declineInvitation(org, CurrentUser.require(user));
        return "redirect:/" + org;
    }

    @PostMapping("/" + ORG + "/leave")
    String leave(@PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        CurrentUser me = CurrentUser.require(user);
        orgs.remove(org, me.username(), me);
        return "redirect:/" + org;
    }

    @GetMapping(MEMBERS)
    String members(@PathVariable String org, @AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("page", pages.members(org, CurrentUser.require(user)));
        model.addAttribute("roles", Role.values());
        return "org-members";
    }

    @PostMapping(MEMBERS + "/" + USER + "/role")
    String setRole(@PathVariable String org, @PathVariable String username, @RequestParam(defaultValue = "") String role,
                   @AuthenticationPrincipal CurrentUser user) {
        orgs.setRole(org, username, Role.parse("role", role), CurrentUser.require(user));
        return backToMembers(org);
    }

    @PostMapping(MEMBERS + "/" + USER + "/remove")
    String remove(@PathVariable String org, @PathVariable String username, @AuthenticationPrincipal CurrentUser user) {
        orgs.remove(org, username, CurrentUser.require(user));
        return backToMembers(org);
    }

    @PostMapping(MEMBERS + "/requests/" + USER + "/accept")
    String accept(@PathVariable String org, @PathVariable String username, @RequestParam(defaultValue = "write") String role,
                  @AuthenticationPrincipal CurrentUser user) {
        orgs.acceptRequest(org, username, Role.parse("role", role), CurrentUser.require(user));
        return backToMembers(org);
    }

    @PostMapping(MEMBERS + "/requests/" + USER + "/decline")
    String decline(@PathVariable String org, @PathVariable String username, @AuthenticationPrincipal CurrentUser user) {
        orgs.declineRequest(org, username, CurrentUser.require(user));
        return backToMembers(org);
    }

    /**
     * Invites {@code username} with {@code role}; a refusal shows the members page again with the reason by
     * the form and what was typed: 404 naming a user that does not exist (user names are public, as the
     * API's {@code no such user} says; the organisation was found, the page being built first), 409 for a
     * member, 400 for a role that is none. 403 for anyone but an admin, as the page itself.
     */
    @PostMapping(MEMBERS + "/invitations")
    String invite(@PathVariable String org, @RequestParam(defaultValue = "") String username,
                  @RequestParam(defaultValue = "write") String role, @AuthenticationPrincipal CurrentUser user,
                  HttpServletResponse response, Model model) {
        CurrentUser me = CurrentUser.require(user);
        AccountViews.MembersPage page = pages.members(org, me);
        String view = Forms.attempt(() -> {
            try {
                orgs.invite(page.org(), username.strip(), Role.parse("role", role), me);
            } catch (NoSuchItemException e) {
                throw new ApiException(HttpStatus.NOT_FOUND, e.getMessage());
            }
            return backToMembers(org);
        }, "org-members", response, model);
        if (Forms.refused(model)) {
            model.addAttribute("page", page);
            model.addAttribute("roles", Role.values());
            model.addAttribute("failed", "invite");
            model.addAttribute("invitee", username);
            model.addAttribute("inviteRole", role);
        }
        return view;
    }

    /**
     * The danger zone of the members page: an admin deletes the organisation after typing its name
     * ({@code confirm}, exactly as it is spelled), then lands on their own profile, which says so
     * ({@code ?deletedOrg=}). 403 for anyone but an admin, as the page itself; a wrong confirmation (400)
     * or an organisation that still holds repositories (409, naming how many) shows the members page
     * again with the reason by the form, and nothing is deleted.
     */
    @PostMapping("/" + ORG + "/settings/delete")
    String delete(@PathVariable String org, @RequestParam(defaultValue = "") String confirm, @AuthenticationPrincipal CurrentUser user,
                  HttpServletResponse response, Model model) {
        CurrentUser me = CurrentUser.require(user);
        AccountViews.MembersPage page = pages.members(org, me);
        String view = Forms.attempt(() -> {
            if (!confirm.strip().equals(page.org())) {
                throw new BadRequestException("type the organisation's name " + page.org() + " to confirm the deletion");
            }
            orgs.delete(page.org(), me);
            return "redirect:/" + UriUtils.encodePathSegment(me.username(), StandardCharsets.UTF_8)
                    + "?deletedOrg=" + UriUtils.encodeQueryParam(page.org(), StandardCharsets.UTF_8);
        }, "org-members", response, model);
        if (Forms.refused(model)) {
            model.addAttribute("page", page);
            model.addAttribute("roles", Role.values());
            model.addAttribute("failed", "delete");
        }
        return view;
    }

    /** The members page again after an admin's change. */
    private static String backToMembers(String org) {
        return "redirect:/organizations/" + org + "/settings/members";
    }
}
