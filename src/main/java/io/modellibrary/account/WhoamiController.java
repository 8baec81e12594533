package io.modellibrary.account;

import io.modellibrary.catalog.AvatarSource;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.ErrorForms;
import io.modellibrary.common.RequestUrls;
import io.modellibrary.common.Times;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/whoami-v2} in the Hugging Face Hub's shape, which {@code huggingface_hub}'s
 * {@code HfApi.whoami()} returns as is and reads {@code name}, {@code orgs[].name} and
 * {@code auth.accessToken.role} from (shape as in huggingface.js's {@code ApiWhoAmIUser}
 * and {@code ApiWhoAmIAuthInfo}). Not in the envelope: the Hub's clients read the body
 * itself. Fields the Hub has and this server does not (e-mail, billing) are null or false.
 */
@RestController
@Tag(name = "Hugging Face Hub", description = "Endpoints in the Hub's own shapes, for its clients (not in the envelope)")
class WhoamiController {

    private final UserRepository users;
    private final OrgLink orgs;
    private final ErrorForms errors;

    WhoamiController(UserRepository users, OrgLink orgs, ErrorForms errors) {
        this.users = users;
        this.orgs = orgs;
        this.errors = errors;
    }

    /**
     * A refusal (401 without a login) in the Hub's error form, as {@code huggingface_hub} reads it on
     * its routes: {@code {"error"}} and {@code X-Error-Message} (the envelope before: found by the
     * hostile-input suite).
     */
    @ExceptionHandler(ApiException.class)
    void refused(ApiException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(request, response, e.status().value(), e.getMessage());
    }

    @GetMapping("/api/whoami-v2")
    @Operation(summary = "Who the token belongs to, as the Hugging Face Hub answers", description = AccountDocs.WHOAMI)
    @ApiResponse(responseCode = "200", description = "the Hub's whoami-v2 body",
            content = @Content(examples = @ExampleObject(value = AccountDocs.WHOAMI_EXAMPLE)))
    Map<String, Object> whoami(@AuthenticationPrincipal CurrentUser caller) {
        CurrentUser user = CurrentUser.require(caller);
        String avatar = users.findById(user.id()).map(User::getAvatar).orElse(AvatarSource.DEFAULT_AVATAR);
        Map<String, Object> body = entity("user", user.id(), user.username(), avatar);
        body.put("emailVerified", false);
        body.put("isPro", false);
        body.put("orgs", orgs.organisationsOf(user.id()).stream().map(WhoamiController::org).toList());
        body.put("auth", auth(user));
        return body;
    }

    private static Map<String, Object> org(OrgLink.Membership membership) {
        Map<String, Object> org = entity("org", membership.name(), membership.name(), AvatarSource.DEFAULT_AVATAR);
        org.put("roleInOrg", membership.role().id());
        return org;
    }

    private static Map<String, Object> entity(String type, String id, String name, String avatar) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("type", type);
        entity.put("id", id);
        entity.put("name", name);
        entity.put("fullname", name);
        entity.put("email", null);
        entity.put("canPay", false);
        entity.put("avatarUrl", RequestUrls.absolute(avatar));
        entity.put("periodEnd", null);
        return entity;
    }

    private static Map<String, Object> auth(CurrentUser user) {
        Map<String, Object> auth = new LinkedHashMap<>();
        if (!user.viaAccessToken()) {
            auth.put("type", "session");
            return auth;
        }
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("displayName", user.token().name());
        token.put("role", user.token().role().id());
        token.put("createdAt", Times.format(user.token().createdAt()));
        auth.put("type", "access_token");
        auth.put("accessToken", token);
        return auth;
    }
}
