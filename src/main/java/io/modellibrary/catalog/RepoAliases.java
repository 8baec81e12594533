package io.modellibrary.catalog;

import org.springframework.beans.factory.ObjectProvider;
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
 *
 * <p>Only the holder of the old name's namespace at the time of the rename may end a
 * redirect that way. When the namespace is freed (its user deleted, or its organisation with
 * its last admin) and someone else registers the name, the old names in it stay reserved
 * for the repositories they lead to: otherwise the newcomer could create {@code alice/model}
 * and every script still downloading from the old URL would get the newcomer's bytes.
 */
@Component
class RepoAliases {

    private final MongoTemplate mongo;
    private final RepoRepository repos;
    private final ObjectProvider<NamespaceClaims> claims;

    RepoAliases(MongoTemplate mongo, RepoRepository repos, ObjectProvider<NamespaceClaims> claims) {
        this.mongo = mongo;
        this.repos = repos;
        this.claims = claims;
    }

    /** The case-insensitive key of a name: {@link Repo}'s {@code nameLower}. */
    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The {@code _id} of an alias: {@code <type>:<lower-cased name>}. */
    static String key(RepoType type, String name) {
        return type.id() + ":" + lower(name);
    }

    /**
     * The repository this exact name (any case) leads to, by its current or an old name; visibility not checked.
     * The current name is read through the template rather than the derived query of {@link RepoRepository}: every
     * download and page of a repository starts here, and the repository proxy's layers (query derivation, method
     * metrics) were a fifth of this read's cost on a warm server (docs/decisions.md "Downloads against nginx").
     */
    Optional<Repo> exact(RepoType type, String name) {
        Optional<Repo> current = current(type, name);
        if (current.isPresent()) {
            return current;
        }
        return Optional.ofNullable(mongo.findById(key(type, name), RepoAlias.class))
                .flatMap(alias -> repos.findById(alias.repoId()))
                .filter(repo -> repo.getType().equals(type.id()));
    }

    /** The repository whose current name is this one (any case), by the unique {@code (type, nameLower)} index; no alias. */
    Optional<Repo> current(RepoType type, String name) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("type").is(type.id()).and("nameLower").is(lower(name))), Repo.class));
    }

    /** True when {@code name} is an old name of this very repository. */
    boolean isAliasOf(RepoType type, String name, Repo repo) {
        RepoAlias alias = mongo.findById(key(type, name), RepoAlias.class);
        return alias != null && alias.repoId().equals(repo.getId());
    }

    /** Keeps {@code oldName} answering for the repository (replacing any alias of that name). */
    void remember(RepoType type, String oldName, Repo repo, Instant when) {
        mongo.save(new RepoAlias(key(type, oldName), repo.getId(), oldName, when, claimOf(oldName).orElse(null)));
    }

    /**
     * True when {@code name} is an old name of another repository than {@code taker} (null
     * for a new one) that the current holder of its namespace may not take over: the
     * namespace was freed and claimed again since the rename. A create or rename to such a
     * name is refused as if the name were taken.
     */
    boolean heldForAnother(RepoType type, String name, Repo taker) {
        RepoAlias alias = mongo.findById(key(type, name), RepoAlias.class);
        if (alias == null || (taker != null && alias.repoId().equals(taker.getId()))) {
            return false;
        }
        String then = alias.namespaceClaim() == null ? NamespaceClaims.EARLIER : alias.namespaceClaim();
        // No claim at all: nobody can create in that namespace anyway (identities in tests aside).
        return !then.equals(claimOf(name).orElse(NamespaceClaims.EARLIER));
    }

    /** The current claim of a qualified name's namespace; empty for a bare name or a free namespace. */
    private Optional<String> claimOf(String name) {
        int slash = name.indexOf('/');
        NamespaceClaims source = claims.getIfAvailable();
        return slash < 0 || source == null ? Optional.empty() : source.currentClaim(name.substring(0, slash));
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
