package io.modellibrary.catalog;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.Envelope;
import io.modellibrary.common.ParametersFromJsonBody;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Writing repositories, likes, the caller's own repositories and what is trending. */
@RestController
@Tag(name = "Repositories", description = "Create, change, delete and like models and datasets")
class RepoController {

    private final RepoService repos;
    private final LikeService likes;
    private final TrendingService trending;

    RepoController(RepoService repos, LikeService likes, TrendingService trending) {
        this.repos = repos;
        this.likes = likes;
        this.trending = trending;
    }

    @PostMapping("/api/{type:model|dataset}")
    @Operation(summary = "Create a repository", description = RepoDocs.CREATE)
    @ApiResponse(responseCode = "200", description = "the new repository, or code 0 'item already exists'",
            content = @Content(examples = {@ExampleObject(name = "created", value = CatalogDocs.DETAIL_EXAMPLE),
                    @ExampleObject(name = "taken", value = RepoDocs.EXISTS_EXAMPLE)}))
    Envelope<RepoDetail> create(@Parameter(description = CatalogDocs.TYPE) @PathVariable String type,
                                @Valid @RequestBody RepoRequests.Create body,
                                @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(RepoDetail.of(repos.create(RepoType.parse(type), body, signedIn(user))));
    }

    @ParametersFromJsonBody
    @PatchMapping("/api/{type:model|dataset}")
    @Operation(summary = "Change labels, description, visibility or name", description = RepoDocs.UPDATE)
    @ApiResponse(responseCode = "200", description = "the repository as changed",
            content = @Content(examples = @ExampleObject(value = RepoDocs.UPDATE_EXAMPLE)))
    Envelope<RepoDetail> update(@Parameter(description = CatalogDocs.TYPE) @PathVariable String type,
                                @Parameter(description = RepoDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                                @Valid @RequestBody RepoRequests.Update body, @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(RepoDetail.of(repos.update(RepoType.parse(type), name, body, signedIn(user))));
    }

    @ParametersFromJsonBody
    @DeleteMapping("/api/{type:model|dataset}")
    @Operation(summary = "Delete a repository with its files and history", description = RepoDocs.DELETE)
    @ApiResponse(responseCode = "200", description = "deleted; `data` is null",
            content = @Content(examples = @ExampleObject(value = RepoDocs.DELETE_EXAMPLE)))
    Envelope<Void> delete(@Parameter(description = CatalogDocs.TYPE) @PathVariable String type,
                          @Parameter(description = RepoDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                          @AuthenticationPrincipal CurrentUser user) {
        repos.delete(RepoType.parse(type), name, signedIn(user));
        return Envelope.ok(null);
    }

    @ParametersFromJsonBody
    @PostMapping("/api/like")
    @Operation(summary = "Like a repository (idempotent)", description = RepoDocs.LIKE)
    @ApiResponse(responseCode = "200", description = "the caller now likes it; the new like count",
            content = @Content(examples = @ExampleObject(value = RepoDocs.LIKE_EXAMPLE)))
    Envelope<LikeService.LikeState> like(@Parameter(description = RepoDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                                         @Parameter(description = RepoDocs.LIKE_TYPE) @RequestParam(required = false) String type,
                                         @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(likes.like(RepoType.parse(type), name, signedIn(user)));
    }

    @ParametersFromJsonBody
    @DeleteMapping("/api/like")
    @Operation(summary = "Take a like back (idempotent)", description = RepoDocs.LIKE)
    @ApiResponse(responseCode = "200", description = "the caller no longer likes it; the new like count",
            content = @Content(examples = @ExampleObject(value = RepoDocs.UNLIKE_EXAMPLE)))
    Envelope<LikeService.LikeState> unlike(@Parameter(description = RepoDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                                           @Parameter(description = RepoDocs.LIKE_TYPE) @RequestParam(required = false) String type,
                                           @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(likes.unlike(RepoType.parse(type), name, signedIn(user)));
    }

    @RequestMapping(path = "/api/personalFiles", method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "The caller's repositories and their organisations', private ones included", description = RepoDocs.PERSONAL)
    @ApiResponse(responseCode = "200", description = "the caller's repositories",
            content = @Content(examples = @ExampleObject(value = RepoDocs.PERSONAL_EXAMPLE)))
    PersonalFiles personalFiles(@AuthenticationPrincipal CurrentUser user) {
        List<RepoListItem> list = repos.personal(signedIn(user)).stream().map(RepoListItem::of).toList();
        return new PersonalFiles(0, Envelope.SUCCESS, Map.of("list", list), list);
    }

    /**
     * The envelope with the list twice: under {@code data.list}, and as {@code list} at the
     * top level, where the existing web client reads it (docs/http-contract.md#web-client-quirks-we-keep).
     */
    record PersonalFiles(int code, String msg, Map<String, List<RepoListItem>> data, List<RepoListItem> list) {
    }

    @GetMapping("/api/trendingList")
    @Operation(summary = "Up to 20 public models and datasets trending over the last 7 days", description = RepoDocs.TRENDING)
    @ApiResponse(responseCode = "200", description = "up to 20 repositories, models and datasets mixed",
            content = @Content(examples = @ExampleObject(value = RepoDocs.TRENDING_EXAMPLE)))
    Envelope<Map<String, List<RepoListItem>>> trendingList(@AuthenticationPrincipal CurrentUser user) {
        return Envelope.read(Map.of("list", trending.trending()), user != null);
    }

    private static CurrentUser signedIn(CurrentUser user) {
        if (user == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, Envelope.NO_LOGIN);
        }
        return user;
    }
}
