package io.modellibrary.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.modellibrary.catalog.Repo;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.security.CurrentUser;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code GET /api/{models|datasets}/{id}[/revision/{rev}]} in the Hub's shape
 * ({@code huggingface_hub hf_api.py ModelInfo/DatasetInfo}, {@code @huggingface/hub lib/model-info.ts},
 * {@code lib/dataset-info.ts}). Every field is always answered ({@code expand} asks for a subset
 * on the Hub; extra keys do no harm), except {@code siblings}, listed up to {@link #MAX_SIBLINGS}
 * files, and {@code cardData}, from the README's front matter ({@link CardData}, kept per commit by {@link HubCards}).
 */
@Service
class HubInfo {

    /** The most files {@code siblings} lists (the tree route lists any number, in pages). */
    static final int MAX_SIBLINGS = 10_000;
    /**
     * The most files an item of a list carries when the list asks for them ({@code full=true}, {@code expand=siblings}):
     * a page holds up to 1,000 repositories, and the tree route lists any number of files in pages.
     */
    static final int LIST_SIBLINGS = 1_000;

    private final HubRepos repos;
    private final HubTree tree;
    private final HubCards cards;

    HubInfo(HubRepos repos, HubTree tree, HubCards cards) {
        this.repos = repos;
        this.tree = tree;
        this.cards = cards;
    }

    /** A file: its path, and with {@code blobs=true} its size, git blob id and LFS part. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sibling(String rfilename, Long size, String blobId, SiblingLfs lfs) {
    }

    /** An LFS file's sha256, size and pointer size. */
    record SiblingLfs(String sha256, long size, int pointerSize) {
    }

    /**
     * A repository as the Hub describes it.
     *
     * @param sha          the commit the revision resolved to (null for an empty repository)
     * @param gated        always {@code false}: gating does not exist here
     * @param lastModified the commit's time, else the repository's last change
     * @param tags         the catalogue's labels, then what the card's metadata says as the Hub tags it
     *                     ({@link #cardTags}); the lists carry the labels only unless they were asked for {@code cardData}
     * @param pipelineTag  the card's {@code pipeline_tag}, else the catalogue's task label as a tag (omitted without
     *                     either): {@code transformers}' {@code pipeline(model=...)} takes its task from it
     *                     ({@code pipelines/__init__.py get_task})
     * @param libraryName  the card's {@code library_name} (omitted without one), which {@code get_task} checks too
     */
    record RepoInfo(@JsonProperty("_id") String internalId, String id, String author, String sha,
                    Instant lastModified, Instant createdAt, @JsonProperty("private") boolean isPrivate,
                    Object gated, boolean disabled, long downloads, long likes, List<String> tags,
                    @JsonProperty("pipeline_tag") @JsonInclude(JsonInclude.Include.NON_NULL) String pipelineTag,
                    @JsonProperty("library_name") @JsonInclude(JsonInclude.Include.NON_NULL) String libraryName,
                    Map<String, Object> cardData, List<Sibling> siblings) {
    }

    RepoInfo info(HubRepoId id, String revision, boolean blobs, CurrentUser user) {
        RepoAccess.Snapshot at = repos.snapshot(id, revision, user);
        List<Sibling> siblings = siblings(at, blobs, MAX_SIBLINGS);
        Map<String, Object> card = at.commit() == null ? null : cards.at(at);
        return summary(at.repo(), at.commit() == null ? null : at.commit().id(),
                at.commit() == null ? at.repo().getLastModified() : at.commit().time(), card, siblings);
    }

    /**
     * The files of {@code at}, in the tree's order (folders' files where the folder sorts), at most {@code max}
     * ({@link #MAX_SIBLINGS} for repository info, {@link #LIST_SIBLINGS} an item of a list); with {@code blobs},
     * each with its size and LFS details. Empty for a repository without commits.
     */
    List<Sibling> siblings(RepoAccess.Snapshot at, boolean blobs, int max) {
        List<Sibling> siblings = new ArrayList<>();
        if (at.commit() == null) {
            return siblings;
        }
        String cursor = null;
        do {
            HubTree.Page page = tree.list(at, RepoPath.ROOT, true, false, cursor, Math.min(1000, max - siblings.size()));
            page.items().stream().filter(i -> i.type().equals("file")).forEach(i -> siblings.add(sibling(i, blobs)));
            cursor = page.cursor();
        } while (cursor != null && siblings.size() < max);
        return siblings;
    }

    /** The fields of a repository without its files (the lists'). */
    static RepoInfo summary(Repo repo, String sha, Instant lastModified, Map<String, Object> card, List<Sibling> siblings) {
        String name = repo.getName();
        String author = name.contains("/") ? name.substring(0, name.indexOf('/')) : repo.getOwner();
        List<String> tags = Stream.concat(repo.getActiveFilters().values().stream().flatMap(List::stream),
                cardTags(card).stream()).distinct().toList();
        return new RepoInfo(repo.getId(), name, author, sha, lastModified == null ? repo.getCreatedAt() : lastModified,
                repo.getCreatedAt(), repo.isPrivateRepo(), false, false, repo.getDownloads(), repo.getLikes(), tags,
                pipelineTag(card, repo), scalar(card, "library_name"), card, siblings);
    }

    /**
     * The card's {@code pipeline_tag}, else the catalogue's first {@code task} label as the Hub spells
     * its tags ("Text Classification" → {@code text-classification}): the lists read no card, and
     * {@code @huggingface/hub listModels} shows it as the model's {@code task}.
     */
    private static String pipelineTag(Map<String, Object> card, Repo repo) {
        String declared = scalar(card, "pipeline_tag");
        if (declared != null) {
            return declared;
        }
        List<String> tasks = repo.getActiveFilters().getOrDefault("task", List.of());
        return tasks.isEmpty() || tasks.get(0).isBlank() ? null : tasks.get(0).strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /**
     * The tags the Hub derives from a card's metadata: its {@code tags}, {@code library_name},
     * {@code pipeline_tag}, each {@code language}, {@code license:<id>}, {@code dataset:<id>} for
     * each of {@code datasets}, {@code base_model:<id>} for each base model. Strings only; anything
     * else in those keys is left out.
     */
    static List<String> cardTags(Map<String, Object> card) {
        if (card == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>(strings(card.get("tags"), ""));
        tags.addAll(strings(card.get("library_name"), ""));
        tags.addAll(strings(card.get("pipeline_tag"), ""));
        tags.addAll(strings(card.get("language"), ""));
        tags.addAll(strings(card.get("license"), "license:"));
        tags.addAll(strings(card.get("datasets"), "dataset:"));
        tags.addAll(strings(card.get("base_model"), "base_model:"));
        return tags;
    }

    private static List<String> strings(Object value, String prefix) {
        List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        return values.stream().filter(v -> v instanceof String s && !s.isBlank()).map(v -> prefix + ((String) v).strip()).toList();
    }

    private static String scalar(Map<String, Object> card, String key) {
        return card != null && card.get(key) instanceof String value && !value.isBlank() ? value.strip() : null;
    }

    private Sibling sibling(HubTree.Item item, boolean blobs) {
        if (!blobs) {
            return new Sibling(item.path(), null, null, null);
        }
        SiblingLfs lfs = item.lfs() == null ? null : new SiblingLfs(item.lfs().oid(), item.lfs().size(), item.lfs().pointerSize());
        return new Sibling(item.path(), item.size(), item.oid(), lfs);
    }
}
