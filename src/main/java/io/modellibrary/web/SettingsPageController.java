package io.modellibrary.web;

import io.modellibrary.account.AccessTokenService;
import io.modellibrary.account.AccountManagement;
import io.modellibrary.account.AccountRequests;
import io.modellibrary.account.AccountService;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.time.Duration;

/**
 * The signed-in user's settings at the Hub's URLs: {@code /settings/profile} (avatar),
 * {@code /settings/tokens} (create with a role, shown once; list; revoke), {@code /settings/password},
 * {@code /settings/account} (sign out everywhere; delete the account, confirmed by typing the user
 * name). Each calls the service its API endpoint calls ({@link AccountService},
 * {@link AccessTokenService}, {@link AccountManagement}), so the rules are the API's: the current
 * password for a change or a deletion, through the login throttle. Anonymous callers are sent to
 * the sign-in page; every form carries a CSRF token.
 */
@Controller
@RequestMapping("/settings")
class SettingsPageController {

    private final AccountService accounts;
    private final AccessTokenService tokens;
    private final AccountManagement management;
    private final Validator validator;
    private final Duration cookieAge;

    SettingsPageController(AccountService accounts, AccessTokenService tokens, AccountManagement management, Validator validator,
                           @Value("${modellibrary.jwt.ttl:24h}") Duration cookieAge) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.management = management;
        this.validator = validator;
        this.cookieAge = cookieAge;
    }

    @GetMapping({"", "/"})
    String settings(@AuthenticationPrincipal CurrentUser user) {
        CurrentUser.require(user);
        return "redirect:/settings/profile";
    }

    @GetMapping("/profile")
    String profile(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("profile", accounts.profile(CurrentUser.require(user)));
        return "settings-profile";
    }

    @PostMapping("/profile/avatar")
    String avatar(@RequestParam(required = false) MultipartFile avatar, @AuthenticationPrincipal CurrentUser user,
                  HttpServletResponse response, Model model) {
        CurrentUser me = CurrentUser.require(user);
        String view = Forms.attempt(() -> {
            accounts.changeAvatar(me, avatar);
            return "redirect:/settings/profile";
        }, "settings-profile", response, model);
        model.addAttribute("profile", accounts.profile(me));
        return view;
    }

    @GetMapping("/tokens")
    String tokens(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("tokens", tokens.list(CurrentUser.require(user)));
        return "settings-tokens";
    }

    /**
     * Creates a token and shows it on the answered page, this once (never in a URL, never stored readable).
     * {@code role} is taken as sent, every value: Spring would join a repeated one with commas, and the
     * form would then refuse {@code read,write} as no role at all instead of saying it came twice.
     */
    @PostMapping("/tokens")
    String createToken(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) String[] role,
                       @AuthenticationPrincipal CurrentUser user, HttpServletResponse response, Model model) {
        CurrentUser me = CurrentUser.require(user);
        String view = Forms.attempt(() -> {
            if (role != null && role.length > 1) {
                throw new BadRequestException("role was sent " + role.length + " times; choose one: read or write");
            }
            AccountRequests.NewToken body = Forms.valid(validator, new AccountRequests.NewToken(name, role == null ? "" : role[0]));
            model.addAttribute("created", tokens.create(me, body.name(), AccessTokenService.role(body.role())));
            return "settings-tokens";
        }, "settings-tokens", response, model);
        model.addAttribute("tokens", tokens.list(me));
        return view;
    }

    @PostMapping("/tokens/{id}/delete")
    String revokeToken(@PathVariable String id, @AuthenticationPrincipal CurrentUser user) {
        tokens.revoke(CurrentUser.require(user), id);
        return "redirect:/settings/tokens";
    }

    @GetMapping("/password")
    String password(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String changed, Model model) {
        CurrentUser.require(user);
        model.addAttribute("changed", changed != null);
        return "settings-password";
    }

    /** Sets the new password; every other session ends, and this browser gets a new session cookie. */
    @PostMapping("/password")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
                          @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, HttpServletResponse response,
                          Model model) {
        CurrentUser me = CurrentUser.require(user);
        return Forms.attempt(() -> {
            AccountRequests.PasswordChange body = Forms.valid(validator, new AccountRequests.PasswordChange(currentPassword, newPassword));
            String token = management.changePassword(me, body.currentPassword(), body.newPassword(), request.getRemoteAddr());
            response.addHeader(HttpHeaders.SET_COOKIE, WebPages.sessionCookie(token, cookieAge, request).toString());
            return "redirect:/settings/password?changed";
        }, "settings-password", response, model);
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal CurrentUser user) {
        CurrentUser.require(user);
        return "settings-account";
    }

    /** Ends every session of the user: this browser's, other browsers', and the API's JWTs (access tokens stay). */
    @PostMapping("/account/logout-all")
    String logoutEverywhere(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
        management.logoutEverywhere(CurrentUser.require(user));
        response.addHeader(HttpHeaders.SET_COOKIE, WebPages.clearedSessionCookie(request).toString());
        return "redirect:/login";
    }

    /**
     * Deletes the account as {@code DELETE /api/account} does (its own namespace's repositories
     * with it; 409 while the user is the last admin of an organisation with repositories), once the
     * user name is typed exactly as shown and the password is right.
     */
    @PostMapping("/account/delete")
    String deleteAccount(@RequestParam(defaultValue = "") String confirm, @RequestParam(defaultValue = "") String password,
                         @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, HttpServletResponse response,
                         Model model) {
        CurrentUser me = CurrentUser.require(user);
        return Forms.attempt(() -> {
            if (!confirm.strip().equals(me.username())) {
                throw new BadRequestException("type your user name, " + me.username() + ", to confirm");
            }
            AccountRequests.Deletion body = Forms.valid(validator, new AccountRequests.Deletion(password));
            management.delete(me, body.password(), request.getRemoteAddr());
            response.addHeader(HttpHeaders.SET_COOKIE, WebPages.clearedSessionCookie(request).toString());
            return "redirect:/";
        }, "settings-account", response, model);
    }
}
