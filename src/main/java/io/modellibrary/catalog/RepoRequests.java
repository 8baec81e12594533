package io.modellibrary.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Bodies of the repository writes. Only these fields bind: whatever else a client sends
 * ({@code owner}, {@code downloads}, {@code id}, ...) is ignored.
 */
final class RepoRequests {

    private RepoRequests() {
    }

    record Create(
            @NotBlank @Size(max = RepoNames.MAX_LENGTH) String name,
            @JsonProperty("isPrivate") Boolean isPrivate,
            Map<String, List<String>> activeFilters,
            @Size(max = 10_000) String description) {
    }

    record Update(
            @Size(max = RepoNames.MAX_LENGTH) String newName,
            @JsonProperty("isPrivate") Boolean isPrivate,
            Map<String, List<String>> activeFilters,
            @Size(max = 10_000) String description) {
    }
}
