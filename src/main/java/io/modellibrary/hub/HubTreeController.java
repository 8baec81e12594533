package io.modellibrary.hub;

import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/{models|datasets}/{id}/tree/{rev}[/{path}]} ({@code huggingface_hub hf_api.py
 * list_repo_tree}, {@code @huggingface/hub lib/list-files.ts}): {@code recursive}, {@code expand}
 * ({@code true|false}, also Python's {@code True}), pages of {@value #PAGE} entries
 * ({@value #PAGE_EXPANDED} with {@code expand}, as the Hub) linked by an absolute
 * {@code Link: <...&cursor=...>; rel="next"}. A missing folder is 404 {@code EntryNotFound}.
 *
 * <p>{@code POST .../paths-info/{rev}} ({@code hf_api.py get_paths_info}: form {@code paths=a&paths=b&expand=True};
 * {@code lib/paths-info.ts}: JSON {@code {"paths": [...], "expand": bool}}): the entries of the paths that exist.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubTreeController {

    static final int PAGE = 1000;
    static final int PAGE_EXPANDED = 50;

    private final HubRepos repos;
    private final HubTree tree;

    HubTreeController(HubRepos repos, HubTree tree) {
        this.repos = repos;
        this.tree = tree;
    }

    @GetMapping({"/api/{repoType:models|datasets|spaces}/{namespace}/{name}/tree/{revision}/{*path}",
            "/api/{repoType:models|datasets|spaces}/{name}/tree/{revision}/{*path}"})
    @Operation(summary = "A folder's entries at a revision, recursive or not, paged by Link")
    @ApiResponse(responseCode = "200", description = "a page of entries", content = @Content(examples = @ExampleObject(value = HubDocs.TREE_EXAMPLE)))
    List<HubTree.Item> tree(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type, @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                            @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable String revision, @Parameter(description = HubDocs.PATH) @PathVariable String path,
                            @Parameter(description = HubDocs.FLAG) @RequestParam(required = false) String recursive, @Parameter(description = HubDocs.FLAG) @RequestParam(required = false) String expand,
                            @Parameter(description = "the next page (the Link header gives it)") @RequestParam(required = false) String cursor, @AuthenticationPrincipal CurrentUser user,
                            HttpServletRequest request, HttpServletResponse response) {
        RepoAccess.Snapshot at = repos.snapshot(HubRepoId.of(type, namespace, name), revision, user);
        boolean expanded = HubRepoController.isTrue(expand);
        HubTree.Page page = tree.list(at, RepoPath.folder(path.startsWith("/") ? path.substring(1) : path),
                HubRepoController.isTrue(recursive), expanded, cursor, expanded ? PAGE_EXPANDED : PAGE);
        if (page.cursor() != null) {
            HubLinks.next(request, response, "cursor", page.cursor());
        }
        return page.items();
    }

    /** The JSON body of {@code @huggingface/hub}'s {@code pathsInfo}. */
    record PathsRequest(List<String> paths, Boolean expand) {
    }

    @PostMapping(path = {"/api/{repoType:models|datasets|spaces}/{namespace}/{name}/paths-info/{revision}",
            "/api/{repoType:models|datasets|spaces}/{name}/paths-info/{revision}"}, consumes = "application/json")
    @Operation(summary = "The entries at the given paths (JSON body)")
    @ApiResponse(responseCode = "200", description = "the entries that exist", content = @Content(examples = @ExampleObject(value = HubDocs.TREE_EXAMPLE)))
    List<HubTree.Item> pathsInfoJson(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type, @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                     @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable String revision,
                                     @RequestBody PathsRequest body, @AuthenticationPrincipal CurrentUser user) {
        RepoAccess.Snapshot at = repos.snapshot(HubRepoId.of(type, namespace, name), revision, user);
        return tree.paths(at, body.paths() == null ? List.of() : body.paths(), Boolean.TRUE.equals(body.expand()));
    }

    @PostMapping(path = {"/api/{repoType:models|datasets|spaces}/{namespace}/{name}/paths-info/{revision}",
            "/api/{repoType:models|datasets|spaces}/{name}/paths-info/{revision}"}, consumes = "application/x-www-form-urlencoded")
    @Operation(summary = "The entries at the given paths (form body: paths=a&paths=b&expand=True)")
    @ApiResponse(responseCode = "200", description = "the entries that exist", content = @Content(examples = @ExampleObject(value = HubDocs.TREE_EXAMPLE)))
    List<HubTree.Item> pathsInfoForm(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type, @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                     @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable String revision,
                                     @RequestBody(required = false) String body,
                                     @AuthenticationPrincipal CurrentUser user) {
        RepoAccess.Snapshot at = repos.snapshot(HubRepoId.of(type, namespace, name), revision, user);
        FormBody form = FormBody.parse(body == null ? "" : body);
        return tree.paths(at, form.all("paths"), HubRepoController.isTrue(form.first("expand")));
    }
}
