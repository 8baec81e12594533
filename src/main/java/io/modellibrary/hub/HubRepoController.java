package io.modellibrary.hub;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
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
 * Repository information and lists in the Hub's shape: {@code GET /api/{models|datasets}/{id}},
 * {@code .../revision/{rev}} ({@link HubInfo}) and {@code GET /api/{models|datasets}} ({@link HubListing},
 * paged with an absolute {@code Link: <...>; rel="next"}). Info answers every field, so {@code expand},
 * {@code expand[]}, {@code securityStatus} and other Hub options are accepted and ignored there;
 * {@code blobs=true} adds sizes and LFS data to {@code siblings}. Lists carry {@code cardData} only
 * when asked, as {@code huggingface_hub list_models(cardData=True)} ({@code cardData=true}),
 * {@code list_datasets(full=True)} ({@code full=true}: "including the card_data", its docstring) and
 * {@code expand=cardData} (either client; {@code expand[]=cardData} too) ask, and {@code sha} with the files as
 * {@code siblings} when {@code full=true} (either type: "including the last modified date, sha, files and tags",
 * {@code list_models}' docstring) or {@code expand=sha} / {@code expand=siblings} ask.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubRepoController {

    private final HubInfo info;
    private final HubListing listing;

    HubRepoController(HubInfo info, HubListing listing) {
        this.info = info;
        this.listing = listing;
    }

    @GetMapping({"/api/{repoType:models|datasets|spaces}/{namespace}/{name}", "/api/{repoType:models|datasets|spaces}/{name}",
            "/api/{repoType:models|datasets|spaces}/{namespace}/{name}/revision/{revision}",
            "/api/{repoType:models|datasets|spaces}/{name}/revision/{revision}"})
    @Operation(summary = "A repository at a revision (default: main), as the Hub describes it")
    @ApiResponse(responseCode = "200", description = "the repository", content = @Content(examples = @ExampleObject(value = HubDocs.INFO_EXAMPLE)))
    HubInfo.RepoInfo info(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type, @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                          @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable(required = false) String revision,
                          @Parameter(description = HubDocs.FLAG) @RequestParam(required = false) String blobs, @AuthenticationPrincipal CurrentUser user) {
        return info.info(HubRepoId.of(type, namespace, name), revision, isTrue(blobs), user);
    }

    @GetMapping("/api/{repoType:models|datasets}")
    @Operation(summary = "Models or datasets, filtered by author and search, sorted, paged by Link")
    @ApiResponse(responseCode = "200", description = "a page of repositories", content = @Content(examples = @ExampleObject(value = HubDocs.LIST_EXAMPLE)))
    List<HubInfo.RepoInfo> list(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type, @Parameter(description = "the namespace (ignoring case)") @RequestParam(required = false) String author,
                                @Parameter(description = "a fragment of the id (ignoring case)") @RequestParam(required = false) String search,
                                @Parameter(description = "tags every repository must carry (repeat the field; a catalogue label by name, e.g. pytorch, or facet:label, e.g. license:mit)") @RequestParam(required = false) List<String> filter,
                                @Parameter(description = "the task's tag, e.g. text-classification (the catalogue's task label)") @RequestParam(name = "pipeline_tag", required = false) String pipelineTag, @Parameter(description = "downloads, likes, lastModified, createdAt or trendingScore (default)") @RequestParam(required = false) String sort,
                                @Parameter(description = "-1 (descending, default) or 1") @RequestParam(required = false) String direction,
                                @Parameter(description = "repositories per page (1-1000, default 100)") @RequestParam(required = false) Integer limit, @Parameter(description = "where the page starts (the Link header gives the next)") @RequestParam(required = false) String offset,
                                @Parameter(description = "true: each item carries cardData (" + HubDocs.FLAG + ")") @RequestParam(required = false) String cardData,
                                @Parameter(description = "true: each item carries sha and siblings (at most 1,000 files), and for datasets cardData too (" + HubDocs.FLAG + ")") @RequestParam(required = false) String full,
                                @Parameter(description = "fields asked for (repeat the field); cardData, sha and siblings add them, the others are always answered") @RequestParam(required = false) List<String> expand,
                                @Parameter(description = "as expand (@huggingface/hub's spelling)") @RequestParam(name = "expand[]", required = false) List<String> expandBrackets,
                                @AuthenticationPrincipal CurrentUser user,
                                HttpServletRequest request, HttpServletResponse response) {
        int size = limit == null ? HubListing.DEFAULT_LIMIT : limit;
        long skip = parseOffset(offset);
        boolean withCards = isTrue(cardData) || (isTrue(full) && HubRepoId.type(type) == RepoType.DATASET)
                || asks(expand, "cardData") || asks(expandBrackets, "cardData");
        // full: "including the last modified date, sha, files and tags" (HH list_models' docstring)
        boolean withFiles = isTrue(full) || asks(expand, "sha") || asks(expandBrackets, "sha")
                || asks(expand, "siblings") || asks(expandBrackets, "siblings");
        HubListing.Page page = listing.list(HubRepoId.type(type), new HubListing.Filters(author, search, filter, pipelineTag),
                sort, direction, size, skip, new HubListing.Detail(withCards, withFiles), user);
        if (page.more()) {
            HubLinks.next(request, response, "offset", Long.toString(skip + size));
        }
        return page.items();
    }

    private static long parseOffset(String offset) {
        if (offset == null || offset.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(offset);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new BadRequestException("offset must be a whole number of at least 0");
    }

    /** Whether a repeated (or comma-separated) {@code expand} names the field. */
    private static boolean asks(List<String> expand, String field) {
        return expand != null && expand.stream().anyMatch(e -> e != null && e.strip().equals(field));
    }

    /** Python's {@code True}, httpx's {@code true}, {@code 1}. */
    static boolean isTrue(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }
}
