package io.modellibrary.org;

import io.modellibrary.catalog.RepoListItem;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request and response bodies of the organisation endpoints. */
public final class OrgViews {

    private OrgViews() {
    }

    /** {@code POST /api/orgs}. */
    public record NewOrg(@Schema(example = "acme") @NotBlank @Size(max = 64) String name) {
    }

    /** A role in a body: {@code read}, {@code write} or {@code admin}. */
    public record RoleBody(@Schema(example = "write", allowableValues = {"read", "write", "admin"}) @Size(max = 16) String role) {
    }

    /** {@code POST /api/orgs/{org}/invitations}. */
    public record Invitation(@Schema(example = "bob") @NotBlank @Size(max = 64) String username,
                      @Schema(example = "write", allowableValues = {"read", "write", "admin"}) @NotBlank @Size(max = 16) String role) {
    }

    /**
     * An organisation's page. {@code members} and {@code yourRole} only for its members
     * (null otherwise); {@code repositories} are those the caller may see.
     */
    public record OrgPage(String name, String avatar, String createdAt, String yourRole, List<MemberView> members,
                   List<RepoListItem> repositories) {
    }

    public record MemberView(String username, String role, String since) {
    }

    /** The caller's organisations, their own pending requests and the invitations waiting for them. */
    public record Mine(List<MyOrg> organisations, List<Pending> requests, List<Pending> invitations) {
    }

    public record MyOrg(String name, String role) {
    }

    /** A request or invitation; {@code role} is what an invitation offers (null for a request). */
    public record Pending(String org, String username, String role, String createdAt) {
    }

    /** An organisation's waiting join requests and the invitations it sent. */
    public record Waiting(List<Pending> requests, List<Pending> invitations) {
    }
}
