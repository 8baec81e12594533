package io.modellibrary.account;

import io.modellibrary.common.Envelope;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.beans.PropertyEditorSupport;

/** Sign-up in two steps, login and the caller's profile, as in the seed API (docs/http-contract.md#the-seed-api). */
@RestController
@Tag(name = "Accounts", description = "Register, sign in and read your profile")
class AccountController {

    static final String VERIFIED = "verification successful";
    static final String REGISTERED = "registration completed";

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping(path = "/api/register/verifyUsername", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Check that a user name is free", description = AccountDocs.VERIFY)
    @ApiResponse(responseCode = "200", description = "free, or code 0 'user name registered'",
            content = @Content(examples = {@ExampleObject(name = "free", value = AccountDocs.VERIFY_OK),
                    @ExampleObject(name = "taken", value = AccountDocs.TAKEN)}))
    Envelope<String> verifyUsername(@Valid @RequestBody UsernameRequest body) {
        accounts.requireAvailable(body.username());
        return Envelope.done(VERIFIED, "");
    }

    /**
     * A form whose {@code avatar} is a text field (an empty file input, or a script's
     * {@code undefined}) carries no upload: such a user gets the default avatar.
     */
    @InitBinder("registrationForm")
    void textAvatarMeansNone(WebDataBinder binder) {
        binder.registerCustomEditor(MultipartFile.class, "avatar", new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(null);
            }
        });
    }

    @PostMapping(path = "/api/register/submitUserInfo",
            consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    @SecurityRequirements
    @Operation(summary = "Register and sign in", description = AccountDocs.REGISTER)
    @ApiResponse(responseCode = "200", description = "registered (token in the Authorization header), or code 0 'user name registered'",
            headers = @Header(name = HttpHeaders.AUTHORIZATION, description = "the new user's JWT, without 'Bearer '"),
            content = @Content(examples = {@ExampleObject(name = "registered", value = AccountDocs.REGISTER_OK),
                    @ExampleObject(name = "taken", value = AccountDocs.TAKEN)}))
    ResponseEntity<Envelope<String>> register(@Valid @ModelAttribute RegistrationForm form) {
        return withToken(accounts.register(form), Envelope.done(REGISTERED, ""));
    }

    @PostMapping(path = "/api/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Sign in", description = AccountDocs.LOGIN)
    @ApiResponse(responseCode = "200", description = "signed in (token in the Authorization header), or code 0 'wrong username or password'",
            headers = @Header(name = HttpHeaders.AUTHORIZATION, description = "the JWT, without 'Bearer '"),
            content = @Content(examples = {@ExampleObject(name = "signed in", value = AccountDocs.LOGIN_OK),
                    @ExampleObject(name = "wrong", value = AccountDocs.LOGIN_WRONG)}))
    @ApiResponse(responseCode = "429", description = "too many failed logins; see Retry-After",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "seconds until logins are accepted again"),
            content = @Content(examples = @ExampleObject(value = AccountDocs.THROTTLED)))
    ResponseEntity<Envelope<String>> login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        String token = accounts.login(body.username(), body.password(), request.getRemoteAddr());
        return withToken(token, Envelope.done(Envelope.SUCCESS, ""));
    }

    @GetMapping("/api/personalInformation")
    @Operation(summary = "Your profile", description = AccountDocs.PROFILE)
    @ApiResponse(responseCode = "200", description = "the profile, or code 0 'no login' without a valid token",
            content = @Content(examples = {@ExampleObject(name = "signed in", value = AccountDocs.PROFILE_OK),
                    @ExampleObject(name = "anonymous", value = AccountDocs.NO_LOGIN)}))
    Envelope<Profile> profile(@AuthenticationPrincipal CurrentUser user) {
        return Envelope.done(Envelope.SUCCESS, accounts.profile(user));
    }

    private static ResponseEntity<Envelope<String>> withToken(String token, Envelope<String> body) {
        return ResponseEntity.ok().header(HttpHeaders.AUTHORIZATION, token).body(body);
    }
}
