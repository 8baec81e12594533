package io.modellibrary.catalog;

import io.modellibrary.common.Envelope;
import io.modellibrary.common.ParametersFromJsonBody;
import io.modellibrary.common.SeedStatus;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read side of the catalogue: labels, lists and repository detail, for both types. */
@RestController
@Tag(name = "Catalogue", description = "Browse and filter models and datasets")
class CatalogController {

    private final CatalogService catalog;
    private final LabelService labels;

    CatalogController(CatalogService catalog, LabelService labels) {
        this.catalog = catalog;
        this.labels = labels;
    }

    @GetMapping("/api/{type:model|dataset}Label")
    @Operation(summary = "Labels of every facet", description = CatalogDocs.LABELS)
    @ApiResponse(responseCode = "200", description = "the taxonomy plus labels in use",
            content = @Content(examples = @ExampleObject(value = CatalogDocs.LABELS_EXAMPLE)))
    Envelope<Map<String, List<String>>> labels(@Parameter(description = CatalogDocs.TYPE) @PathVariable String type,
                                               @AuthenticationPrincipal CurrentUser user) {
        return Envelope.read(labels.labels(RepoType.parse(type), user), user != null);
    }

    @ParametersFromJsonBody
    @GetMapping({"/api/{type:model|dataset}List", "/{type:model}List"})
    @Operation(summary = "One page of the catalogue", description = CatalogDocs.LIST)
    @ApiResponse(responseCode = "200", description = "30 items a page and the total",
            content = @Content(examples = @ExampleObject(value = CatalogDocs.LIST_EXAMPLE)))
    Envelope<Map<String, Object>> list(
            @Parameter(description = CatalogDocs.LIST_TYPE) @PathVariable String type,
            @Parameter(description = "model and dataset: comma-separated task labels") @RequestParam(required = false) String task,
            @Parameter(description = "model: comma-separated libraries") @RequestParam(required = false) String library,
            @Parameter(description = "model: comma-separated training datasets") @RequestParam(required = false) String dataset,
            @Parameter(description = "dataset: comma-separated size buckets such as 1K<n<10K") @RequestParam(required = false) String size,
            @Parameter(description = "comma-separated languages") @RequestParam(required = false) String language,
            @Parameter(description = "comma-separated other labels") @RequestParam(required = false) String other,
            @Parameter(description = "case-insensitive part of the name, taken literally") @RequestParam(required = false) @RepoName String name,
            @Parameter(description = "most-downloads (default), recently-updated, recently-created, most-likes, trending, alphabetical")
            @RequestParam(required = false) String sortType,
            @Parameter(description = "1-based page of 30 items") @RequestParam(defaultValue = "1") @Min(1) @Max(1_000_000) int pageIndex,
            @AuthenticationPrincipal CurrentUser user) {
        RepoType repoType = RepoType.parse(type);
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("task", task);
        raw.put("library", library);
        raw.put("dataset", dataset);
        raw.put("size", size);
        raw.put("language", language);
        raw.put("other", other);
        CatalogQuery query = new CatalogQuery(repoType, CatalogQuery.facets(repoType, raw), name, SortType.parse(sortType), pageIndex);
        CatalogIndex.Page page = catalog.list(query, user);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(repoType.id() + "List", page.items());
        data.put("numTotalItems", page.total());
        return Envelope.read(data, user != null);
    }

    @ParametersFromJsonBody
    @GetMapping("/api/{type:model|dataset}")
    @SeedStatus
    @Operation(summary = "A repository's labels and details", description = CatalogDocs.DETAIL)
    @ApiResponse(responseCode = "200", description = "the repository, or code 0 'no such item'",
            content = @Content(examples = @ExampleObject(value = CatalogDocs.DETAIL_EXAMPLE)))
    Envelope<RepoDetail> detail(@Parameter(description = CatalogDocs.TYPE) @PathVariable String type,
                                @Parameter(description = "the repository name, such as dslim/bert-base-NER") @RequestParam @NotBlank @RepoName String name,
                                @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(RepoDetail.of(catalog.detail(RepoType.parse(type), name, user)));
    }
}
