package io.modellibrary.hub;

import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The likes lists ({@link HubLikes}): {@code GET /api/users/{username}/likes} and
 * {@code GET /api/{models|datasets}/{id}/likers}, newest like first, paged by an absolute
 * {@code Link: <...>; rel="next"} carrying {@code cursor}.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubLikesController {

    private static final String LIMIT = "likes per page (1-1000, default 100)";
    private static final String CURSOR = "where the page starts (the Link header gives the next)";

    private final HubLikes likes;

    HubLikesController(HubLikes likes) {
        this.likes = likes;
    }

    @GetMapping("/api/users/{username}/likes")
    @Operation(summary = "The repositories a user likes that the caller may see, newest like first (huggingface_hub list_liked_repos)")
    @ApiResponse(responseCode = "200", description = "a page of likes", content = @Content(examples = @ExampleObject(value = """
            [{"createdAt":"2024-05-09T16:37:00Z","repo":{"name":"alice/bert","type":"model"}}]""")))
    @ApiResponse(responseCode = "404", description = "no user of that name", content = @Content(examples = @ExampleObject(value = """
            {"error":"User not found"}""")))
    List<HubLikes.LikedRepo> likedRepos(@Parameter(description = "the user's name (ignoring case)") @PathVariable String username,
                                        @Parameter(description = LIMIT) @RequestParam(required = false) Integer limit,
                                        @Parameter(description = CURSOR) @RequestParam(required = false) String cursor,
                                        @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
        return linked(likes.likedRepos(username, cursor, limit, user), request, response);
    }

    @GetMapping("/api/{repoType:models|datasets|spaces}/{namespace}/{name}/likers")
    @Operation(summary = "The users who like the repository, newest like first (huggingface_hub list_repo_likers)")
    @ApiResponse(responseCode = "200", description = "a page of users", content = @Content(examples = @ExampleObject(value = """
            [{"user":"bob","fullname":"bob","avatarUrl":"http://localhost:3000/images/defaultAvatar.png","type":"user","isPro":false}]""")))
    List<HubLikes.Liker> likers(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                @Parameter(description = HubDocs.NAMESPACE) @PathVariable String namespace,
                                @Parameter(description = HubDocs.NAME) @PathVariable String name,
                                @Parameter(description = LIMIT) @RequestParam(required = false) Integer limit,
                                @Parameter(description = CURSOR) @RequestParam(required = false) String cursor,
                                @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
        return linked(likes.likers(HubRepoId.of(type, namespace, name), cursor, limit, user), request, response);
    }

    private static <T> List<T> linked(HubLikes.Page<T> page, HttpServletRequest request, HttpServletResponse response) {
        if (page.next() != null) {
            HubLinks.next(request, response, "cursor", page.next());
        }
        return page.items();
    }
}
