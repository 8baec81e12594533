package io.modellibrary.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.modellibrary.common.Times;

import java.util.List;
import java.util.Map;

/** {@code GET /api/model} and {@code /api/dataset}: the seed's {activeFilters, options}. */
public record RepoDetail(Map<String, List<String>> activeFilters, Options options) {

    public record Options(
            String lastModified,
            String lastModifiedInformation,
            String name,
            String author,
            String avatar,
            long downloads,
            String id,
            String type,
            @JsonProperty("isPrivate") boolean isPrivate,
            long likes,
            String description) {
    }

    public static RepoDetail of(Repo repo) {
        return new RepoDetail(repo.getActiveFilters(), new Options(
                Times.format(repo.getLastModified()), repo.getLastModifiedInformation(), repo.getName(),
                repo.getAuthor(), repo.getAvatar(), repo.getDownloads(), repo.getId(), repo.getType(),
                repo.isPrivateRepo(), repo.getLikes(), repo.getDescription() == null ? "" : repo.getDescription()));
    }
}
