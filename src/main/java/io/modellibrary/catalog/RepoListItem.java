package io.modellibrary.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.modellibrary.common.Times;

/** One entry of a catalogue list, as the seed's {@code modelList} shows it. */
public record RepoListItem(
        @JsonProperty("_id") String id,
        String name,
        String author,
        String lastModified,
        String type,
        long downloads,
        long likes,
        @JsonProperty("isPrivate") boolean isPrivate) {

    public static RepoListItem of(Repo repo) {
        return new RepoListItem(repo.getId(), repo.getName(), repo.getAuthor(), Times.format(repo.getLastModified()),
                repo.getType(), repo.getDownloads(), repo.getLikes(), repo.isPrivateRepo());
    }
}
