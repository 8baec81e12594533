package io.modellibrary.catalog;

import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Finding a repository by one exact name, ignoring case: its current name (the unique
 * {@code (type, nameLower)} index of {@code repos}), else an old name it was renamed from
 * ({@code repoAliases} by {@code _id}). Both are unique-key lookups, fast on the embedded
 * database too. A current name always wins over an alias of the same spelling: a new
 * repository created under an old name ends that redirect.
 */
@Component
class RepoAliases {

    private final MongoTemplate mongo;
    private final RepoRepository repos;

    RepoAliases(MongoTemplate mongo, RepoRepository repos) {
        this.mongo = mongo;
        this.repos = repos;
    }

    /** The case-insensitive key of a name: {@link Repo}'s {@code nameLower}. */
    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The {@code _id} of an alias: {@code <type>:<lower-cased name>}. */
    static String key(RepoType type, String name) {
        return type.id() + ":" + lower(name);
    }

    /** The repository this exact name (any case) leads to, by its current or an old name; visibility not checked. */
    Optional<Repo> exact(RepoType type, String name) {
        Optional<Repo> current = repos.findByTypeAndNameLower(type.id(), lower(name));
        if (current.isPresent()) {
            return current;
        }
        return Optional.ofNullable(mongo.findById(key(type, name), RepoAlias.class))
                .flatMap(alias -> repos.findById(alias.repoId()))
                .filter(repo -> repo.getType().equals(type.id()));
    }

    /** True when {@code name} is an old name of this very repository. */
    boolean isAliasOf(RepoType type, String name, Repo repo) {
        RepoAlias alias = mongo.findById(key(type, name), RepoAlias.class);
        return alias != null && alias.repoId().equals(repo.getId());
    }

    /** Keeps {@code oldName} answering for the repository (replacing any alias of that name). */
    void remember(RepoType type, String oldName, Repo repo, Instant when) {
        mongo.save(new RepoAlias(key(type, oldName), repo.getId(), oldName, when));
    }

    /** The name is a repository's current name again (or the rename failed): no alias under it. */
    void release(RepoType type, String name) {
        mongo.remove(Query.query(Criteria.where("_id").is(key(type, name))), RepoAlias.class);
    }

    /** A deleted repository's old names are free again. */
    @EventListener
    void onRepoDeleted(RepoDeleted event) {
        mongo.remove(Query.query(Criteria.where("repoId").is(event.repoId())), RepoAlias.class);
    }
}
