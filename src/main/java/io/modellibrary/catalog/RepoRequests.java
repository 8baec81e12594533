package io.modellibrary.catalog;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.modellibrary.common.BadRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bodies of the repository writes. Only these fields bind: whatever else a client sends
 * ({@code owner}, {@code downloads}, {@code id}, ...) is ignored, except a field that
 * looks like visibility but is not one of ours ({@code IsPrivate}, {@code is_private},
 * {@code visibility}): a repository is never made public because its visibility could
 * not be read.
 */
final class RepoRequests {

    /** Spellings of visibility that are refused (compared lower-cased, without {@code _} and {@code -}). */
    private static final Set<String> VISIBILITY_LOOKALIKES = Set.of("isprivate", "private", "visibility", "ispublic", "public");

    private RepoRequests() {
    }

    /**
     * {@code POST /api/model|dataset}. {@code isPrivate} and {@code private} (the Hub
     * clients' spelling) are both accepted; they must agree when both are sent. {@code author}
     * only chooses the namespace of a bare name ({@link RepoNames#qualified}); the stored
     * author is always the caller.
     */
    record Create(
            @NotBlank @RepoName String name,
            @RepoName String author,
            @JsonProperty("isPrivate") Boolean isPrivate,
            @JsonProperty("private") Boolean privateAlias,
            Map<String, List<String>> activeFilters,
            @Size(max = 10_000) String description,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> other) {

        /** True for a private repository; a 400 when the visibility fields disagree or are misspelt. */
        boolean privateRepo() {
            return Boolean.TRUE.equals(visibility(isPrivate, privateAlias, other));
        }
    }

    /** {@code PATCH /api/model|dataset}: any of these; absent fields stay as they are. */
    record Update(
            @RepoName String newName,
            @JsonProperty("isPrivate") Boolean isPrivate,
            @JsonProperty("private") Boolean privateAlias,
            Map<String, List<String>> activeFilters,
            @Size(max = 10_000) String description,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> other) {

        /** The new visibility, or null to keep it; a 400 when the visibility fields disagree or are misspelt. */
        Boolean visibility() {
            return RepoRequests.visibility(isPrivate, privateAlias, other);
        }
    }

    static Boolean visibility(Boolean isPrivate, Boolean privateAlias, Map<String, Object> other) {
        for (String field : other == null ? Set.<String>of() : other.keySet()) {
            String folded = field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            if (VISIBILITY_LOOKALIKES.contains(folded)) {
                throw new BadRequestException(field + " is not a field: send isPrivate (or private) as true or false");
            }
        }
        if (isPrivate != null && privateAlias != null && !isPrivate.equals(privateAlias)) {
            throw new BadRequestException("isPrivate and private disagree");
        }
        return isPrivate != null ? isPrivate : privateAlias;
    }
}
