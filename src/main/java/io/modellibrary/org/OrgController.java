package io.modellibrary.org;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.Envelope;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation endpoints, in the envelope with the statuses of docs/http-contract.md#statuses-and-messages:
 * 400 malformed, 401 anonymous, 403 not an admin, 404 no such organisation, user,
 * request or invitation, 409 a taken name, an existing member, the last admin, or an
 * organisation to delete that still holds repositories (or is being deleted already).
 */
@RestController
@Validated
@RequestMapping("/api/orgs")
@Tag(name = "Organisations", description = "Organisations, members and roles, join requests, invitations")
class OrgController {

    private static final String ORG = "{org:[A-Za-z0-9._-]{1,64}}";
    private static final String USER = "{username:[A-Za-z0-9._-]{1,64}}";

    private final OrgService orgs;

    OrgController(OrgService orgs) {
        this.orgs = orgs;
    }

    @PostMapping
    @Operation(summary = "Create an organisation; you are its admin", description = OrgDocs.CREATE)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.PAGE_EXAMPLE)))
    Envelope<OrgViews.OrgPage> create(@Valid @RequestBody OrgViews.NewOrg body, @AuthenticationPrincipal CurrentUser user) {
        Org org = orgs.create(body.name(), CurrentUser.require(user));
        return Envelope.ok(orgs.page(org.name(), user));
    }

    @GetMapping
    @Operation(summary = "Your organisations with your roles, your requests and invitations")
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.MINE_EXAMPLE)))
    Envelope<OrgViews.Mine> mine(@AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(orgs.mine(CurrentUser.require(user)));
    }

    @GetMapping("/" + ORG)
    @Operation(summary = "An organisation: name, avatar, repositories you may see; members to members", description = OrgDocs.PAGE)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.PAGE_EXAMPLE)))
    Envelope<OrgViews.OrgPage> page(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(orgs.page(org, user));
    }

    @DeleteMapping("/" + ORG)
    @Operation(summary = "Delete an organisation (admin); refused while it holds repositories", description = OrgDocs.DELETE)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.DONE_EXAMPLE)))
    @ApiResponse(responseCode = "409", description = "it still holds repositories, or another deletion of it is running",
            content = @Content(examples = @ExampleObject(value = OrgDocs.STILL_HOLDS_EXAMPLE)))
    Envelope<Void> delete(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        orgs.delete(org, CurrentUser.require(user));
        return Envelope.ok(null);
    }

    @GetMapping("/" + ORG + "/requests")
    @Operation(summary = "Waiting join requests and sent invitations (admin)")
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.WAITING_EXAMPLE)))
    Envelope<OrgViews.Waiting> requests(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(orgs.waiting(org, CurrentUser.require(user)));
    }

    @PostMapping("/" + ORG + "/requests")
    @Operation(summary = "Ask to join an organisation (grants nothing until an admin accepts)")
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.DONE_EXAMPLE)))
    Envelope<Void> requestToJoin(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        orgs.requestToJoin(org, CurrentUser.require(user));
        return Envelope.ok(null);
    }

    @PostMapping("/" + ORG + "/requests/" + USER + "/accept")
    @Operation(summary = "Accept a join request (admin); role defaults to write", description = OrgDocs.ROLES)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.PAGE_EXAMPLE)))
    Envelope<OrgViews.OrgPage> accept(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @Parameter(description = OrgDocs.USER_PARAM) @PathVariable String username,
                                      @Valid @RequestBody(required = false) OrgViews.RoleBody body,
                                      @AuthenticationPrincipal CurrentUser user) {
        Role role = body == null || body.role() == null ? Role.WRITE : Role.parse("role", body.role());
        orgs.acceptRequest(org, username, role, CurrentUser.require(user));
        return Envelope.ok(orgs.page(org, user));
    }

    @PostMapping("/" + ORG + "/requests/" + USER + "/decline")
    @Operation(summary = "Decline a join request (admin)")
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.DONE_EXAMPLE)))
    Envelope<Void> decline(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @Parameter(description = OrgDocs.USER_PARAM) @PathVariable String username, @AuthenticationPrincipal CurrentUser user) {
        orgs.declineRequest(org, username, CurrentUser.require(user));
        return Envelope.ok(null);
    }

    @PostMapping("/" + ORG + "/invitations")
    @Operation(summary = "Invite a user with a role (admin)", description = OrgDocs.ROLES)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.DONE_EXAMPLE)))
    Envelope<Void> invite(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @Valid @RequestBody OrgViews.Invitation body,
                          @AuthenticationPrincipal CurrentUser user) {
        orgs.invite(org, body.username(), Role.parse("role", body.role()), CurrentUser.require(user));
        return Envelope.ok(null);
    }

    @PostMapping("/" + ORG + "/invitations/accept")
    @Operation(summary = "Accept your invitation")
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.PAGE_EXAMPLE)))
    Envelope<OrgViews.OrgPage> acceptInvitation(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        orgs.acceptInvitation(org, CurrentUser.require(user));
        return Envelope.ok(orgs.page(org, user));
    }

    @PostMapping("/" + ORG + "/invitations/decline")
    @Operation(summary = "Decline your invitation")
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.DONE_EXAMPLE)))
    Envelope<Void> declineInvitation(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @AuthenticationPrincipal CurrentUser user) {
        orgs.declineInvitation(org, CurrentUser.require(user));
        return Envelope.ok(null);
    }

    @PutMapping("/" + ORG + "/members/" + USER)
    @Operation(summary = "Change a member's role (admin); the last admin cannot be demoted", description = OrgDocs.ROLES)
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.PAGE_EXAMPLE)))
    Envelope<OrgViews.OrgPage> setRole(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @Parameter(description = OrgDocs.USER_PARAM) @PathVariable String username,
                                       @Valid @RequestBody OrgViews.RoleBody body, @AuthenticationPrincipal CurrentUser user) {
        orgs.setRole(org, username, Role.parse("role", body.role()), CurrentUser.require(user));
        return Envelope.ok(orgs.page(org, user));
    }

    @DeleteMapping("/" + ORG + "/members/" + USER)
    @Operation(summary = "Remove a member (admin) or leave (yourself); the last admin cannot leave")
    @ApiResponse(responseCode = "200", description = "done", content = @Content(examples = @ExampleObject(value = OrgDocs.DONE_EXAMPLE)))
    Envelope<Void> remove(@Parameter(description = OrgDocs.ORG_PARAM) @PathVariable String org, @Parameter(description = OrgDocs.USER_PARAM) @PathVariable @Size(max = 64) String username,
                          @AuthenticationPrincipal CurrentUser user) {
        orgs.remove(org, username, CurrentUser.require(user));
        return Envelope.ok(null);
    }
}
