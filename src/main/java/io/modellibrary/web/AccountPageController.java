package io.modellibrary.web;

import io.modellibrary.account.AccountManagement;
import io.modellibrary.account.AccountService;
import io.modellibrary.account.RegistrationForm;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.RequestPaths;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Duration;

/**
 * Sign in, sign up and sign out in the browser. The account services check the credentials
 * (with the login throttle) and issue the same JWT as {@code POST /api/login}; the page keeps it
 * in the {@value WebPages#SESSION_COOKIE} cookie ({@code HttpOnly; SameSite=Lax}, {@code Secure}
 * over HTTPS). Sign-out ends the session on the server ({@link AccountManagement#signOut}). Each form carries a CSRF token. Sign-up takes an avatar as the API's registration does.
 */
@Controller
class AccountPageController {

    private final AccountService accounts;
    private final AccountManagement management;
    private final Validator validator;
    private final Duration cookieAge;

    AccountPageController(AccountService accounts, AccountManagement management, Validator validator,
                          @Value("${modellibrary.jwt.ttl:24h}") Duration cookieAge) {
        this.accounts = accounts;
        this.management = management;
        this.validator = validator;
        this.cookieAge = cookieAge;
    }

    @GetMapping("/login")
    String loginForm(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("next", safeNext(next));
        return "login";
    }

    @PostMapping("/login")
    String login(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                 @RequestParam(required = false) String next, HttpServletRequest request, HttpServletResponse response,
                 Model model) {
        try {
            String token = accounts.login(username.strip(), password, request.getRemoteAddr());
            response.addHeader(HttpHeaders.SET_COOKIE, WebPages.sessionCookie(token, cookieAge, request).toString());
            return "redirect:" + safeNext(next);
        } catch (ApiException e) {
            response.setStatus(e.status().is2xxSuccessful() ? 401 : e.status().value());
            Forms.retryAfter(e, response); // the throttle's 429, as POST /api/login answers it
            model.addAttribute("error", e.getMessage());
            model.addAttribute("username", username);
            model.addAttribute("next", safeNext(next));
            return "login";
        }
    }

    @GetMapping("/signup")
    String signupForm() {
        return "signup";
    }

    /** Registers as {@code POST /api/register/submitUserInfo} does, with an optional avatar (PNG, JPEG, GIF or WebP). */
    @PostMapping("/signup")
    String signup(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                  @RequestParam(required = false) MultipartFile avatar, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        model.addAttribute("username", username);
        return Forms.attempt(() -> {
            RegistrationForm form = Forms.valid(validator, new RegistrationForm(username.strip(), password, null,
                    avatar == null || avatar.isEmpty() ? null : avatar));
            String token = accounts.register(form);
            response.addHeader(HttpHeaders.SET_COOKIE, WebPages.sessionCookie(token, cookieAge, request).toString());
            return "redirect:/";
        }, "signup", response, model);
    }

    /** Ends this browser's session on the server (its cookie, copied or not, is refused from now on) and clears the cookie. */
    @PostMapping("/logout")
    String logout(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
        if (user != null) {
            management.signOut(user);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, WebPages.clearedSessionCookie(request).toString());
        return "redirect:/";
    }

    /** The longest page address kept as {@code next}: far past any real page's, far short of the 16 KB header limit once encoded again. */
    private static final int MAX_NEXT = 2048;

    /** The sign-in page's URL, coming back to this request's page afterwards ({@code /login} alone for an address past {@link #MAX_NEXT}). */
    static String signInFor(HttpServletRequest request) {
        String here = RequestPaths.inApp(request);
        if (here.length() > MAX_NEXT) {
            return "/login"; // a Location past the response header buffer was a 500 (found by the hostile-input suite)
        }
        return UriComponentsBuilder.fromPath("/login").queryParam("next", here).build().encode().toUriString();
    }

    /** A local path to go to after signing in; {@code /} for anything else (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == '\\' || c == '{' || c == '}')) {
            return "/";
        }
        return next;
    }
}
