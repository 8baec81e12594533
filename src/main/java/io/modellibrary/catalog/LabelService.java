package io.modellibrary.catalog;

import io.modellibrary.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The label lists of {@code /api/modelLabel} and {@code /api/datasetLabel}: the stored
 * taxonomy followed by every other label a visible repository carries. The public view
 * is computed once and kept in memory until the catalogue changes.
 */
@Service
public class LabelService {

    private static final Logger log = LoggerFactory.getLogger(LabelService.class);

    private final MongoTemplate mongo;
    private final RepoPermissions permissions;
    private final Map<RepoType, Map<String, List<String>>> publicView = new EnumMap<>(RepoType.class);

    LabelService(MongoTemplate mongo, RepoPermissions permissions) {
        this.mongo = mongo;
        this.permissions = permissions;
    }

    /** Writes the curated taxonomy on first start; labels already stored are kept. */
    void seedTaxonomy() {
        for (RepoType type : RepoType.values()) {
            if (mongo.exists(Query.query(Criteria.where("type").is(type.id())), Label.class)) {
                continue;
            }
            List<Label> labels = new ArrayList<>();
            Taxonomy.of(type).forEach((facet, names) -> {
                for (int i = 0; i < names.size(); i++) {
                    labels.add(Label.of(type.id(), facet, names.get(i), i));
                }
            });
            mongo.insertAll(labels);
            log.info("Seeded {} {} labels", labels.size(), type.id());
        }
    }

    public Map<String, List<String>> labels(RepoType type, CurrentUser user) {
        Map<String, List<String>> shared = publicLabels(type);
        if (user == null) {
            return shared;
        }
        Criteria own = new Criteria().andOperator(Criteria.where("type").is(type.id()),
                Criteria.where("isPrivate").is(true), RepoPermissions.ownedByAny(permissions.namespaceKeys(user)));
        if (!mongo.exists(new Query(own), Repo.class)) {
            return shared;
        }
        Map<String, List<String>> merged = new LinkedHashMap<>();
        shared.forEach((facet, labels) -> merged.put(facet, union(labels, inUse(own, facet))));
        return merged;
    }

    @EventListener
    void onCatalogChanged(CatalogChanged event) {
        synchronized (publicView) {
            publicView.remove(event.type());
        }
    }

    private Map<String, List<String>> publicLabels(RepoType type) {
        synchronized (publicView) {
            return publicView.computeIfAbsent(type, this::loadPublic);
        }
    }

    private Map<String, List<String>> loadPublic(RepoType type) {
        Criteria visible = new Criteria().andOperator(Criteria.where("type").is(type.id()), Criteria.where("isPrivate").is(false));
        Map<String, List<String>> stored = stored(type);
        Map<String, List<String>> view = new LinkedHashMap<>();
        for (String facet : type.facets()) {
            view.put(facet, List.copyOf(union(stored.getOrDefault(facet, List.of()), inUse(visible, facet))));
        }
        return view;
    }

    private Map<String, List<String>> stored(RepoType type) {
        Query query = Query.query(Criteria.where("type").is(type.id()))
                .with(org.springframework.data.domain.Sort.by("facet", "position", "name"));
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (Label label : mongo.find(query, Label.class)) {
            stored.computeIfAbsent(label.facet(), f -> new ArrayList<>()).add(label.name());
        }
        return stored;
    }

    private List<String> inUse(Criteria filter, String facet) {
        List<String> found = new ArrayList<>(mongo.findDistinct(new Query(filter), "activeFilters." + facet, Repo.class, String.class));
        found.sort(String.CASE_INSENSITIVE_ORDER);
        return found;
    }

    /** {@code first} in its order, then whatever {@code more} adds, compared without case. */
    private static List<String> union(List<String> first, Collection<String> more) {
        List<String> out = new ArrayList<>(first);
        Set<String> seen = new HashSet<>();
        first.forEach(label -> seen.add(label.toLowerCase(Locale.ROOT)));
        for (String label : more) {
            if (seen.add(label.toLowerCase(Locale.ROOT))) {
                out.add(label);
            }
        }
        return out;
    }
}
