package io.modellibrary.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.modellibrary.common.Times;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/model} and {@code /api/dataset}: the seed's {@code {activeFilters, options}},
 * plus {@code lastModified}, {@code author}, {@code avatar} and {@code isPrivate} directly
 * under {@code data}, where the existing web client reads them
 * (docs/http-contract.md#web-client-quirks-we-keep). The copies equal the options'.
 */
public record RepoDetail(Map<String, List<String>> activeFilters, Options options,
                         String lastModified, String author, String avatar,
                         @JsonProperty("isPrivate") boolean isPrivate) {

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
        Options options = new Options(
                Times.format(repo.getLastModified()), repo.getLastModifiedInformation(), repo.getName(),
                repo.getAuthor(), repo.getAvatar(), repo.getDownloads(), repo.getId(), repo.getType(),
                repo.isPrivateRepo(), repo.getLikes(), repo.getDescription() == null ? "" : repo.getDescription());
        return new RepoDetail(repo.getActiveFilters(), options,
                options.lastModified(), options.author(), options.avatar(), options.isPrivate());
    }
}
