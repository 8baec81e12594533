package io.modellibrary.hub;

import io.modellibrary.catalog.Repo;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Refs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/{models|datasets}/{id}/refs} ({@code huggingface_hub hf_api.py list_repo_refs}):
 * {@code {"branches": [R], "converts": [], "tags": [R], "pullRequests": []}} with
 * {@code R = {name, ref, targetCommit}}; HH indexes {@code branches}, {@code converts} and
 * {@code tags} unconditionally, so all are always present.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubRefsController {

    private final HubRepos repos;
    private final Refs refs;

    HubRefsController(HubRepos repos, Refs refs) {
        this.repos = repos;
        this.refs = refs;
    }

    /** A branch or tag. */
    record RefView(String name, String ref, String targetCommit) {
    }

    /** The repository's refs; pull requests and converts do not exist here (always empty). */
    record RefsView(List<RefView> branches, List<RefView> converts, List<RefView> tags, List<RefView> pullRequests) {
    }

    @GetMapping({"/api/{repoType:models|datasets|spaces}/{namespace}/{name}/refs", "/api/{repoType:models|datasets|spaces}/{name}/refs"})
    @Operation(summary = "A repository's branches and tags, as the Hub lists them")
    @ApiResponse(responseCode = "200", description = "the refs", content = @Content(examples = @ExampleObject(value = HubDocs.REFS_EXAMPLE)))
    RefsView refs(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type, @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace, @Parameter(description = HubDocs.NAME) @PathVariable String name,
                  @AuthenticationPrincipal CurrentUser user) {
        Repo repo = repos.readable(HubRepoId.of(type, namespace, name), user);
        List<Refs.Ref> all = refs.list(repo.getId());
        return new RefsView(of(all, Refs.Kind.BRANCH), List.of(), of(all, Refs.Kind.TAG), List.of());
    }

    private static List<RefView> of(List<Refs.Ref> all, Refs.Kind kind) {
        return all.stream().filter(r -> r.kind() == kind).map(r -> new RefView(r.name(), r.ref(), r.targetCommit())).toList();
    }
}
