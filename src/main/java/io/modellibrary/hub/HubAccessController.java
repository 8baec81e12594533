package io.modellibrary.hub;

import io.modellibrary.catalog.LikeService;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * What a caller may do with a repository, and its like, in the Hub's routes:
 * {@code GET /api/{type}s/{id}/auth-check[/write]} ({@code huggingface_hub hf_api.py auth_check}:
 * 200 when the token may read, or write, the repository; 404 {@code RepoNotFound} when it may not
 * see it, exactly as for a missing one; 403 for a write check by a caller who may only read) and
 * {@code POST|DELETE /api/{type}s/{id}/like} ({@code hf_api.py unlike}; the like and its count
 * are the catalogue's, {@link LikeService}, the same as the seed's {@code /api/like} and the pages').
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubAccessController {

    private static final String ID = "/api/{repoType:models|datasets|spaces}/{namespace}/{name}";

    private final HubRepos repos;
    private final HubRepoWrites writes;
    private final LikeService likes;

    HubAccessController(HubRepos repos, HubRepoWrites writes, LikeService likes) {
        this.repos = repos;
        this.writes = writes;
        this.likes = likes;
    }

    /**
     * 200 {@code {}} when the caller may read the repository.
     *
     * @throws HubException 404 {@code RepoNotFound} when it does not exist or the caller may not see it
     */
    @GetMapping(ID + "/auth-check")
    @Operation(summary = "Whether the caller may read the repository (huggingface_hub auth_check)")
    @ApiResponse(responseCode = "200", description = "it may", content = @Content(examples = @ExampleObject(value = "{}")))
    Map<String, Object> readCheck(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                  @Parameter(description = HubDocs.NAMESPACE) @PathVariable String namespace,
                                  @Parameter(description = HubDocs.NAME) @PathVariable String name, @AuthenticationPrincipal CurrentUser user) {
        repos.readable(HubRepoId.of(type, namespace, name), user);
        return Map.of();
    }

    /**
     * 200 {@code {}} when the caller may write the repository.
     *
     * @throws HubException 404 {@code RepoNotFound} when the caller may not see it; 403 when it may only read it
     */
    @GetMapping(ID + "/auth-check/write")
    @Operation(summary = "Whether the caller may write the repository (huggingface_hub auth_check(write=True))")
    @ApiResponse(responseCode = "200", description = "it may", content = @Content(examples = @ExampleObject(value = "{}")))
    Map<String, Object> writeCheck(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                   @Parameter(description = HubDocs.NAMESPACE) @PathVariable String namespace,
                                   @Parameter(description = HubDocs.NAME) @PathVariable String name, @AuthenticationPrincipal CurrentUser user) {
        writes.writable(HubRepoId.of(type, namespace, name), user);
        return Map.of();
    }

    /**
     * Likes the repository (once, however often called): 200 {@code {"likes": n}}.
     *
     * @throws HubException 404 {@code RepoNotFound} when it does not exist or the caller may not see it
     */
    @PostMapping(ID + "/like")
    @Operation(summary = "Like the repository (once, however often called)")
    @ApiResponse(responseCode = "200", description = "the new like count", content = @Content(examples = @ExampleObject(value = "{\"likes\":3}")))
    Map<String, Object> like(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                             @Parameter(description = HubDocs.NAMESPACE) @PathVariable String namespace,
                             @Parameter(description = HubDocs.NAME) @PathVariable String name, @AuthenticationPrincipal CurrentUser user) {
        HubRepoId id = HubRepoId.of(type, namespace, name);
        return Map.of("likes", likes.like(id.type(), id.name(), user).likes()); // NoSuchItemException: RepoNotFound (HubExceptionHandler)
    }

    /**
     * Takes the caller's like back (idempotent): 200 {@code {"likes": n}}.
     *
     * @throws HubException 404 {@code RepoNotFound} when it does not exist or the caller may not see it
     */
    @DeleteMapping(ID + "/like")
    @Operation(summary = "Take the caller's like back (huggingface_hub unlike; idempotent)")
    @ApiResponse(responseCode = "200", description = "the new like count", content = @Content(examples = @ExampleObject(value = "{\"likes\":2}")))
    Map<String, Object> unlike(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                               @Parameter(description = HubDocs.NAMESPACE) @PathVariable String namespace,
                               @Parameter(description = HubDocs.NAME) @PathVariable String name, @AuthenticationPrincipal CurrentUser user) {
        HubRepoId id = HubRepoId.of(type, namespace, name);
        return Map.of("likes", likes.unlike(id.type(), id.name(), user).likes()); // NoSuchItemException: RepoNotFound (HubExceptionHandler)
    }
}
