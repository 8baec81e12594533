package io.modellibrary.hub;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoName;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.RequestUrls;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.RefName;
import io.modellibrary.versioning.Refs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Repository management routes of the Hub (docs/hub-api.md §4; {@code huggingface_hub hf_api.py}
 * {@code create_repo}, {@code delete_repo}, {@code move_repo}, {@code update_repo_settings},
 * {@code create_branch}, {@code delete_branch}, {@code create_tag}, {@code delete_tag};
 * {@code @huggingface/hub lib/create-repo.ts}, {@code delete-repo.ts}, {@code create-branch.ts},
 * {@code delete-branch.ts}). Errors in the Hub form ({@link HubExceptionHandler}).
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubRepoWriteController {

    private static final String ID = "/api/{repoType:models|datasets|spaces}/{namespace}/{name}";
    private static final String BARE = "/api/{repoType:models|datasets|spaces}/{name}";

    private final HubRepoWrites writes;

    HubRepoWriteController(HubRepoWrites writes) {
        this.writes = writes;
    }

    /**
     * {@code POST /api/repos/create}: {@code organization} is the namespace (HJ sends the user's own name too,
     * HH null for the caller's); {@code private} (HH) or {@code visibility} (HJ); {@code type} absent for a model;
     * {@code files} (HJ {@code createRepo({files})}): {@code [{path, content, encoding: "base64"}]}, the first commit.
     */
    record CreateRequest(@RepoName String name, @RepoName String organization,
                         @JsonProperty("private") Boolean privateRepo, @Size(max = 20) String visibility,
                         @Size(max = 20) String type, @Size(max = 10_000) List<HubRepoWrites.InitialFile> files) {
        boolean isPrivate() {
            return isPrivateVisibility(visibility) || Boolean.TRUE.equals(privateRepo);
        }
    }

    /** {@code DELETE /api/repos/delete}. */
    record DeleteRequest(@RepoName String name, @RepoName String organization, @Size(max = 20) String type) {
    }

    /** {@code POST /api/repos/move}: {@code fromRepo}, {@code toRepo} as {@code namespace/name}. */
    record MoveRequest(@RepoName String fromRepo, @RepoName String toRepo, @Size(max = 20) String type) {
    }

    /**
     * {@code PUT .../settings}: {@code private} or {@code visibility}; {@code gated} ({@code "auto"}, {@code "manual"}
     * or {@code false}, HH {@code update_repo_settings}) only as {@code false}, since no repository here is gated; the
     * other Hub settings are accepted and ignored.
     */
    record SettingsRequest(@JsonProperty("private") Boolean privateRepo, @Size(max = 20) String visibility, Object gated) {

        /**
         * Refuses a request to gate the repository before anything changes: it was answered 200 and left the
         * repository open to everyone (found by trying {@code update_repo_settings(gated="manual")} as a newcomer).
         */
        void refuseGating() {
            if (gated != null && !Boolean.FALSE.equals(gated) && !"false".equals(gated)) {
                throw HubException.badRequest("Gated repositories are not supported by this server: gated can only be false");
            }
        }

        Boolean isPrivate() {
            Boolean fromVisibility = visibility == null ? null : isPrivateVisibility(visibility);
            return privateRepo != null ? privateRepo : fromVisibility;
        }
    }

    /**
     * {@code visibility}: {@code private} or {@code public}, anything else a 400. (Any other word made the
     * repository public: a typo must never publish one; found by the hostile-input suite.)
     */
    private static boolean isPrivateVisibility(String visibility) {
        if (visibility == null || visibility.equals("public")) {
            return false;
        }
        if (visibility.equals("private")) {
            return true;
        }
        throw HubException.badRequest("visibility must be public or private");
    }

    /** {@code POST .../branch/{branch}}: {@code startingPoint} (default {@code main}). */
    record BranchRequest(@RefName String startingPoint) {
    }

    /** {@code POST .../tag/{rev}}: the tag's name; {@code message} is accepted (lightweight tags here). */
    record TagRequest(@RefName String tag, @Size(max = 10_000) String message) {
    }

    @PostMapping(path = "/api/repos/create", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a repository (Hub), with `files` as its first commit; 409 with its url when it exists")
    @ApiResponse(responseCode = "200", description = "the new repository", content = @Content(examples = @ExampleObject(value = HubDocs.CREATE_EXAMPLE)))
    Map<String, String> create(@Valid @RequestBody CreateRequest body, @AuthenticationPrincipal CurrentUser user)
            throws IOException {
        if (body.type() != null && (body.type().equals("space") || body.type().equals("spaces"))) {
            // 400, not the 404 RepoNotFound other routes give a space: huggingface_hub would report a missing repository
            throw HubException.badRequest("Spaces are not supported by this server: create a model or a dataset");
        }
        RepoType type = typeOf(body.type());
        Repo repo = writes.create(type, owner(body.organization(), user), body.name(), body.isPrivate(), body.files(), user);
        return Map.of("url", url(type, repo.getName()), "name", repo.getName(), "id", repo.getId());
    }

    @DeleteMapping(path = "/api/repos/delete", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Delete a repository (Hub)")
    @ApiResponse(responseCode = "200", description = "deleted", content = @Content(examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    Map<String, Object> delete(@Valid @RequestBody DeleteRequest body, @AuthenticationPrincipal CurrentUser user) {
        writes.delete(typeOf(body.type()), owner(body.organization(), user), body.name(), user);
        return Map.of();
    }

    @PostMapping(path = "/api/repos/move", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rename or move a repository (Hub); the old name keeps answering")
    @ApiResponse(responseCode = "200", description = "the repository at its new name", content = @Content(examples = @ExampleObject(value = HubDocs.MOVE_EXAMPLE)))
    Map<String, String> move(@Valid @RequestBody MoveRequest body, @AuthenticationPrincipal CurrentUser user) {
        if (body.fromRepo() == null || body.toRepo() == null) {
            // a 500 before (found by the hostile-input suite)
            throw HubException.badRequest("fromRepo and toRepo are required");
        }
        RepoType type = typeOf(body.type());
        Repo repo = writes.move(type, body.fromRepo(), body.toRepo(), user);
        return Map.of("url", url(type, repo.getName()));
    }

    @PutMapping(path = {ID + "/settings", BARE + "/settings"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a repository's visibility (Hub)")
    @ApiResponse(responseCode = "200", description = "the visibility now", content = @Content(examples = @ExampleObject(value = HubDocs.SETTINGS_EXAMPLE)))
    Map<String, Object> settings(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                 @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                 @Parameter(description = HubDocs.NAME) @PathVariable String name, @Valid @RequestBody SettingsRequest body,
                                 @AuthenticationPrincipal CurrentUser user) {
        body.refuseGating();
        Repo repo = writes.settings(HubRepoId.of(type, namespace, name), body.isPrivate(), user);
        return Map.of("private", repo.isPrivateRepo());
    }

    @PostMapping({ID + "/branch/{branch}", BARE + "/branch/{branch}"})
    @Operation(summary = "Create a branch (Hub); 409 when it exists")
    @ApiResponse(responseCode = "200", description = "created", content = @Content(examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    Map<String, Object> createBranch(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                 @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                     @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.BRANCH) @PathVariable String branch,
                                     @Valid @RequestBody(required = false) BranchRequest body,
                                     @AuthenticationPrincipal CurrentUser user) {
        writes.createRef(HubRepoId.of(type, namespace, name), Refs.Kind.BRANCH, branch,
                body == null ? null : body.startingPoint(), user);
        return Map.of();
    }

    @DeleteMapping({ID + "/branch/{branch}", BARE + "/branch/{branch}"})
    @Operation(summary = "Delete a branch (Hub)")
    @ApiResponse(responseCode = "200", description = "deleted", content = @Content(examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    Map<String, Object> deleteBranch(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                 @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                     @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.BRANCH) @PathVariable String branch,
                                     @AuthenticationPrincipal CurrentUser user) {
        writes.deleteRef(HubRepoId.of(type, namespace, name), Refs.Kind.BRANCH, branch, user);
        return Map.of();
    }

    @PostMapping({ID + "/tag/{revision}", BARE + "/tag/{revision}"})
    @Operation(summary = "Tag a revision (Hub); 409 when the tag exists")
    @ApiResponse(responseCode = "200", description = "created", content = @Content(examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    Map<String, Object> createTag(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                 @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                  @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.TARGET_REVISION) @PathVariable String revision,
                                  @Valid @RequestBody TagRequest body, @AuthenticationPrincipal CurrentUser user) {
        if (body.tag() == null || body.tag().isBlank()) {
            throw HubException.badRequest("tag is required");
        }
        writes.createRef(HubRepoId.of(type, namespace, name), Refs.Kind.TAG, body.tag(), revision, user);
        return Map.of();
    }

    @DeleteMapping({ID + "/tag/{tag}", BARE + "/tag/{tag}"})
    @Operation(summary = "Delete a tag (Hub)")
    @ApiResponse(responseCode = "200", description = "deleted", content = @Content(examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    Map<String, Object> deleteTag(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                 @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                  @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.TAG) @PathVariable String tag, @AuthenticationPrincipal CurrentUser user) {
        writes.deleteRef(HubRepoId.of(type, namespace, name), Refs.Kind.TAG, tag, user);
        return Map.of();
    }

    /**
     * {@code POST .../super-squash/{branch}} (HH {@code super_squash_history}): not supported, a 400 saying so (it was a
     * bare 404, which the client reports as a missing repository); a repository the caller may not write is
     * answered first, as every write route answers it (404 {@code RepoNotFound} when hidden).
     */
    @PostMapping({ID + "/super-squash/{branch}", BARE + "/super-squash/{branch}"})
    @Operation(summary = "Squash a branch's history (Hub): not supported by this server, a 400")
    @ApiResponse(responseCode = "default", description = "always 400: not supported (404 RepoNotFound for a repository the caller may not write or see)", content = @Content(examples = @ExampleObject(value = HubDocs.SQUASH_EXAMPLE)))
    Map<String, Object> superSquash(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                    @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                    @Parameter(description = HubDocs.NAME) @PathVariable String name,
                                    @Parameter(description = HubDocs.BRANCH) @PathVariable String branch,
                                    @AuthenticationPrincipal CurrentUser user) {
        writes.writable(HubRepoId.of(type, namespace, name), user);
        throw HubException.badRequest(SQUASH_REFUSAL);
    }

    static final String SQUASH_REFUSAL = "Squashing history (super_squash_history) is not supported by this server";

    @ExceptionHandler(HubRepoWrites.HubRepoExistsException.class)
    ResponseEntity<Map<String, String>> exists(HubRepoWrites.HubRepoExistsException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                .header(HubHeaders.ERROR_MESSAGE, HubHeaders.headerSafe(e.getMessage()))
                .body(Map.of("error", e.getMessage(), "url", url(e.type(), e.name())));
    }

    /** The namespace: {@code organization} unless it is the caller's own name (then the caller's spelling). */
    private static String owner(String organization, CurrentUser user) {
        return organization == null || organization.isBlank() || organization.equalsIgnoreCase(user.username())
                ? user.username() : organization;
    }

    private static RepoType typeOf(String type) {
        return HubRepoId.type(type == null || type.isBlank() ? "model" : type);
    }

    /** {@code <endpoint>/{prefix}{name}}: where HH's {@code RepoUrl} parses the id from. */
    static String url(RepoType type, String name) {
        return RequestUrls.base() + "/" + (type == RepoType.DATASET ? "datasets/" : "") + name;
    }
}
