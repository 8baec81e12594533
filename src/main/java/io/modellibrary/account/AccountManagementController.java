package io.modellibrary.account;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.Envelope;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Password change, sign-out, sign-out everywhere, account deletion and access tokens (docs/http-contract.md#tokens). */
@RestController
@Tag(name = "Account management", description = "Password, sessions, access tokens, account deletion")
class AccountManagementController {

    private final AccountManagement management;
    private final AccessTokenService tokens;

    AccountManagementController(AccountManagement management, AccessTokenService tokens) {
        this.management = management;
        this.tokens = tokens;
    }

    @PostMapping("/api/account/password")
    @Operation(summary = "Change your password; other sessions end", description = AccountDocs.PASSWORD)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = AccountDocs.DONE_EXAMPLE)))
    Envelope<Void> changePassword(@Valid @RequestBody AccountRequests.PasswordChange body, HttpServletRequest request,
                                  HttpServletResponse response, @AuthenticationPrincipal CurrentUser user) {
        String token = management.changePassword(CurrentUser.require(user), body.currentPassword(), body.newPassword(), request.getRemoteAddr());
        response.setHeader(HttpHeaders.AUTHORIZATION, token);
        return Envelope.ok(null);
    }

    @PostMapping("/api/account/logout")
    @Operation(summary = "Sign out: end this session", description = AccountDocs.LOGOUT)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = AccountDocs.DONE_EXAMPLE)))
    Envelope<Void> logout(HttpServletResponse response, @AuthenticationPrincipal CurrentUser user) {
        management.signOut(CurrentUser.require(user));
        response.setHeader(HttpHeaders.AUTHORIZATION, null);
        return Envelope.ok(null);
    }

    @PostMapping("/api/account/logout-all")
    @Operation(summary = "Sign out everywhere", description = AccountDocs.LOGOUT_ALL)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = AccountDocs.DONE_EXAMPLE)))
    Envelope<Void> logoutAll(HttpServletResponse response, @AuthenticationPrincipal CurrentUser user) {
        management.logoutEverywhere(CurrentUser.require(user));
        response.setHeader(HttpHeaders.AUTHORIZATION, null);
        return Envelope.ok(null);
    }

    @DeleteMapping("/api/account")
    @Operation(summary = "Delete your account", description = AccountDocs.DELETE_ACCOUNT)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = AccountDocs.DELETED_EXAMPLE)))
    Envelope<Map<String, Integer>> deleteAccount(@Valid @RequestBody AccountRequests.Deletion body, HttpServletRequest request,
                                                 HttpServletResponse response, @AuthenticationPrincipal CurrentUser user) {
        int deleted = management.delete(CurrentUser.require(user), body.password(), request.getRemoteAddr());
        response.setHeader(HttpHeaders.AUTHORIZATION, null);
        return Envelope.ok(Map.of("deletedRepositories", deleted));
    }

    @PostMapping("/api/tokens")
    @Operation(summary = "Create an access token (shown once)", description = AccountDocs.TOKENS)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = AccountDocs.TOKEN_CREATED_EXAMPLE)))
    Envelope<AccessTokenService.Created> createToken(@Valid @RequestBody AccountRequests.NewToken body,
                                                     @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(tokens.create(session(user), body.name(), AccessTokenService.role(body.role())));
    }

    @GetMapping("/api/tokens")
    @Operation(summary = "Your access tokens (never the tokens themselves)", description = AccountDocs.TOKENS)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = AccountDocs.TOKENS_EXAMPLE)))
    Envelope<List<AccessTokenService.Listed>> listTokens(@AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(tokens.list(CurrentUser.require(user)));
    }

    @DeleteMapping("/api/tokens/{id}")
    @Operation(summary = "Revoke an access token at once", description = AccountDocs.TOKENS)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = AccountDocs.DONE_EXAMPLE)))
    Envelope<Void> revokeToken(@Parameter(description = AccountDocs.TOKEN_ID) @PathVariable String id, @AuthenticationPrincipal CurrentUser user) {
        tokens.revoke(session(user), id);
        return Envelope.ok(null);
    }

    private static CurrentUser session(CurrentUser user) {
        if (CurrentUser.require(user).viaAccessToken()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "managing access tokens needs a signed-in session, not an access token");
        }
        return user;
    }
}
