package io.modellibrary.hub;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoPermissions;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.Taxonomy;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Versions;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/models}, {@code /api/datasets} ({@code huggingface_hub hf_api.py list_models},
 * {@code @huggingface/hub lib/list-models.ts}): {@code author} (namespace, ignoring case),
 * {@code search} (a literal fragment of the id, ignoring case), {@code filter} and
 * {@code pipeline_tag} (on the catalogue's labels, {@link Filters}), {@code sort} ({@code downloads},
 * {@code likes}, {@code lastModified}, {@code createdAt}, {@code trendingScore}; default
 * {@code trendingScore}), {@code direction} ({@code -1} descending, the default, or {@code 1}),
 * {@code limit} (1–{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}); paged by offset. Public
 * repositories for everyone, private ones for their namespace's members.
 */
@Service
class HubListing {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Map<String, String> SORTS = Map.of("downloads", "downloads", "likes", "likes",
            "lastmodified", "lastModified", "last_modified", "lastModified", "createdat", "createdAt",
            "created_at", "createdAt", "trendingscore", "trendingScore", "trending_score", "trendingScore",
            "trending", "trendingScore", "id", "nameLower");

    private final MongoTemplate mongo;
    private final RepoPermissions permissions;
    private final HubCards cards;
    private final HubInfo info;
    private final Versions versions;

    HubListing(MongoTemplate mongo, RepoPermissions permissions, HubCards cards, HubInfo info, Versions versions) {
        this.mongo = mongo;
        this.permissions = permissions;
        this.cards = cards;
        this.info = info;
        this.versions = versions;
    }

    /**
     * What a listing keeps. {@code filter} (repeated; {@code huggingface_hub} also puts its
     * {@code library}, {@code language} and {@code trained_dataset} arguments there): each tag must
     * match one of the repository's catalogue labels, either as {@code facet:label}
     * ({@code license:mit}) or as a label of any facet ({@code pytorch}); {@code pipeline_tag}: the
     * {@code task} facet's label. Ignoring case, and a Hub tag's {@code -} also matches a label's
     * space ({@code text-classification} is the label "Text Classification"). Tags a model card
     * declares but the catalogue does not hold as labels do not match.
     */
    record Filters(String author, String search, List<String> tags, String pipelineTag) {
    }

    /**
     * What each item carries besides the repository's own fields: {@code cards} its {@code cardData} at the head of
     * {@code main} (and what the card adds to {@code tags}, {@code pipeline_tag}, {@code library_name}, as repository
     * info has it); {@code files} that head's {@code sha} and its files as {@code siblings} (at most
     * {@link HubInfo#LIST_SIBLINGS}), as {@code list_models(full=True)} shows them. Both false: no commit is read.
     */
    record Detail(boolean cards, boolean files) {
    }

    /** One page and whether another follows. */
    record Page(List<HubInfo.RepoInfo> items, boolean more) {
    }

    /**
     * One page of repositories the caller may see.
     *
     * @param detail what each item carries besides the repository's own fields
     * @throws BadRequestException for a {@code limit} out of range or an unknown {@code sort}
     */
    Page list(RepoType type, Filters filters, String sort, String direction, int limit, long offset, Detail detail, CurrentUser user) {
        String author = filters.author();
        String search = filters.search();
        List<String> tags = filters.tags() == null ? List.of() : filters.tags().stream().filter(t -> t != null && !t.isBlank()).toList();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (hasNul(author) || hasNul(search) || hasNul(filters.pipelineTag()) || tags.stream().anyMatch(HubListing::hasNul)) {
            // No name holds a NUL, and BSON cannot carry one in a regular expression (a 500 before:
            // found by the hostile-input suite): nothing matches.
            return new Page(List.of(), false);
        }
        List<Criteria> all = new ArrayList<>();
        all.add(Criteria.where("type").is(type.id()));
        Criteria visible = Criteria.where("isPrivate").is(false);
        all.add(user == null ? visible : new Criteria().orOperator(visible, RepoPermissions.ownedByAny(permissions.namespaceKeys(user))));
        if (author != null && !author.isBlank()) {
            all.add(Criteria.where("owner").regex("^" + Pattern.quote(author.strip()) + "$", "i"));
        }
        if (search != null && !search.isBlank()) {
            all.add(Criteria.where("nameLower").regex(Pattern.quote(search.strip().toLowerCase(Locale.ROOT))));
        }
        for (String tag : tags) {
            all.add(Criteria.where("labelKeys").in(labelKeys(type, tag)));
        }
        if (filters.pipelineTag() != null && !filters.pipelineTag().isBlank()) {
            String task = filters.pipelineTag().strip();
            all.add(Criteria.where("labelKeys").in(Repo.labelKey("task", task), Repo.labelKey("task", task.replace('-', ' '))));
        }
        String field = SORTS.getOrDefault(sort == null ? "trendingscore" : sort.toLowerCase(Locale.ROOT), null);
        if (field == null) {
            throw new BadRequestException("sort must be one of downloads, likes, lastModified, createdAt, trendingScore");
        }
        Sort.Direction dir = "1".equals(direction) ? Sort.Direction.ASC : Sort.Direction.DESC;
        Query query = new Query(new Criteria().andOperator(all)).with(Sort.by(dir, field).and(Sort.by(dir, "_id")))
                .skip(offset).limit(limit + 1);
        List<Repo> found = mongo.find(query, Repo.class);
        boolean more = found.size() > limit;
        List<Repo> page = found.stream().limit(limit).toList();
        Map<String, String> heads = detail.cards() || detail.files() ? versions.mainHeads(page.stream().map(Repo::getId).toList()) : Map.of();
        Map<String, Map<String, Object>> cardsOf = detail.cards() ? cards.atHeads(page, heads) : Map.of();
        List<HubInfo.RepoInfo> items = page.stream().map(r -> {
            String head = heads.get(r.getId());
            List<HubInfo.Sibling> files = !detail.files() ? null : head == null ? List.of()
                    : info.siblings(new RepoAccess.Snapshot(r, Versions.MAIN, versions.commit(r.getId(), head)), false, HubInfo.LIST_SIBLINGS);
            return HubInfo.summary(r, head, r.getLastModified(), cardsOf.get(r.getId()), files);
        }).toList();
        return new Page(items, more);
    }

    /**
     * The label keys a Hub tag matches: itself as {@code facet:label}, and {@code <facet>:<tag>} for
     * every facet the catalogue has ({@link Taxonomy}), with and without its {@code -} as spaces. Exact
     * keys, so that the {@code labelKeys} index serves the query (no regular expression).
     */
    private static List<String> labelKeys(RepoType type, String tag) {
        String t = tag.strip().toLowerCase(Locale.ROOT);
        List<String> keys = new ArrayList<>();
        keys.add(t);
        for (String facet : Taxonomy.of(type).keySet()) {
            keys.add(Repo.labelKey(facet, t));
            keys.add(Repo.labelKey(facet, t.replace('-', ' ')));
        }
        return keys;
    }

    private static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
