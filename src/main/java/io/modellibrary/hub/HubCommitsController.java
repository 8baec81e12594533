package io.modellibrary.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.History;
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

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/{models|datasets}/{id}/commits/{rev}} ({@code huggingface_hub hf_api.py
 * list_repo_commits}, {@code @huggingface/hub lib/list-commits.ts}): the log newest first along
 * first parents, {@code [{id, title, message, authors: [{user}], date}]} (+ {@code formatted} with
 * {@code expand[]=formatted}, here the plain text), pages of {@code limit} (1–{@value #MAX_LIMIT},
 * default {@value #DEFAULT_LIMIT}) by {@code p} (from 0), linked by {@code Link: <...>; rel="next"}.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubCommitsController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final HubRepos repos;
    private final History history;

    HubCommitsController(HubRepos repos, History history) {
        this.repos = repos;
        this.history = history;
    }

    /** An author: the user name. */
    record Author(String user) {
    }

    /** The {@code formatted} variant (no markup here: the same text). */
    record Formatted(String title, String message) {
    }

    /** One commit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CommitItem(String id, String title, String message, List<Author> authors, Instant date, Formatted formatted) {
    }

    @GetMapping({"/api/{repoType:models|datasets|spaces}/{namespace}/{name}/commits/{revision}",
            "/api/{repoType:models|datasets|spaces}/{name}/commits/{revision}"})
    @Operation(summary = "A revision's commits, newest first, paged by Link")
    @ApiResponse(responseCode = "200", description = "a page of commits", content = @Content(examples = @ExampleObject(value = HubDocs.COMMITS_EXAMPLE)))
    List<CommitItem> commits(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type, @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                             @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable String revision,
                             @Parameter(description = "commits per page (1-1000, default 50)") @RequestParam(required = false) Integer limit, @Parameter(description = "the page, from 0") @RequestParam(name = "p", required = false) Integer p,
                             @Parameter(description = "formatted: add the formatted title and message") @RequestParam(name = "expand[]", required = false) List<String> expand,
                             @AuthenticationPrincipal CurrentUser user,
                             HttpServletRequest request, HttpServletResponse response) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        int page = p == null ? 0 : p;
        if (size < 1 || size > MAX_LIMIT || page < 0) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + " and p at least 0");
        }
        RepoAccess.Snapshot at = repos.snapshot(HubRepoId.of(type, namespace, name), revision, user);
        History.Page log = history.log(at.repo().getId(), at.commit(), null, page + 1, size);
        if ((long) (page + 1) * size < log.total()) {
            HubLinks.next(request, response, "p", Integer.toString(page + 1));
        }
        boolean formatted = expand != null && expand.contains("formatted");
        return log.commits().stream().map(c -> item(c, formatted)).toList();
    }

    private static CommitItem item(CommitDoc c, boolean formatted) {
        String message = c.message() == null ? "" : c.message();
        String title = HubTree.title(message);
        return new CommitItem(c.id(), title, message, List.of(new Author(c.author())), c.time(),
                formatted ? new Formatted(title, message) : null);
    }
}
