package io.modellibrary.support;

import io.modellibrary.catalog.CatalogChanged;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes catalogue fixtures straight into the store (for read-side tests that must not
 * depend on the write endpoints) and tells the caches, as the services do.
 */
@Component
public class Fixtures {

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;

    public Fixtures(MongoTemplate mongo, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.events = events;
    }

    public void clearCatalogue() {
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), Repo.class);
        for (RepoType type : RepoType.values()) {
            events.publishEvent(new CatalogChanged(type));
        }
    }

    public RepoBuilder model(String name) {
        return new RepoBuilder(RepoType.MODEL, name);
    }

    public RepoBuilder dataset(String name) {
        return new RepoBuilder(RepoType.DATASET, name);
    }

    /** A repository to be saved; public, owned by its namespace, no labels, unless told. */
    public final class RepoBuilder {
        private final RepoType type;
        private final String name;
        private final Map<String, List<String>> facets = new LinkedHashMap<>();
        private String owner;
        private boolean isPrivate;
        private long downloads;
        private long likes;
        private Instant modified = Instant.parse("2024-01-01T00:00:00Z");
        private Instant created = Instant.parse("2023-01-01T00:00:00Z");

        private RepoBuilder(RepoType type, String name) {
            this.type = type;
            this.name = name;
            this.owner = name.contains("/") ? name.substring(0, name.indexOf('/')) : "nobody";
        }

        public RepoBuilder label(String facet, String... labels) {
            facets.put(facet, List.of(labels));
            return this;
        }

        public RepoBuilder owner(String value) { owner = value; return this; }
        public RepoBuilder privateRepo() { isPrivate = true; return this; }
        public RepoBuilder downloads(long value) { downloads = value; return this; }
        public RepoBuilder likes(long value) { likes = value; return this; }
        public RepoBuilder modified(String iso) { modified = Instant.parse(iso); return this; }
        public RepoBuilder created(String iso) { created = Instant.parse(iso); return this; }

        public Repo save() {
            Repo repo = new Repo(type, name, owner, owner, "/images/defaultAvatar.png");
            repo.setFacets(facets);
            repo.setPrivateRepo(isPrivate);
            repo.setDownloads(downloads);
            repo.setLikes(likes);
            repo.touch(created, "create " + name);
            repo.touch(modified, "Update README.md");
            Repo saved = mongo.insert(repo);
            events.publishEvent(new CatalogChanged(type));
            return saved;
        }
    }
}
