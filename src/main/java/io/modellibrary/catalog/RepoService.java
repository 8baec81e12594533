package io.modellibrary.catalog;

import io.modellibrary.common.RefusalException;
import io.modellibrary.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Creating, changing and deleting repositories. Server-owned fields (owner, author,
 * avatar, counters, times, id) are set here and never taken from a request. The unique
 * {@code (type, name)} index settles racing creates and renames: one wins, the other
 * hears {@code item already exists}. Changes are targeted updates, so they never undo a
 * download or like counted meanwhile.
 */
@Service
public class RepoService {

    static final String ALREADY_EXISTS = "item already exists";

    private final MongoTemplate mongo;
    private final CatalogService catalog;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<AvatarSource> avatars;
    private final RepoPermissions permissions;
    private final Clock clock = Clock.systemUTC();

    RepoService(MongoTemplate mongo, CatalogService catalog, ApplicationEventPublisher events,
                ObjectProvider<AvatarSource> avatars, RepoPermissions permissions) {
        this.mongo = mongo;
        this.catalog = catalog;
        this.events = events;
        this.avatars = avatars;
        this.permissions = permissions;
    }

    Repo create(RepoType type, RepoRequests.Create request, CurrentUser user) {
        String name = RepoNames.valid("name", request.name());
        String owner = RepoNames.owner(name, user);
        permissions.requireCreateIn(owner, user);
        AvatarSource avatar = avatars.getIfAvailable(() -> u -> AvatarSource.DEFAULT_AVATAR);
        Repo repo = new Repo(type, name, owner, user.username(), avatar.avatarOf(user));
        repo.setFacets(FacetValidator.valid(type, request.activeFilters()));
        repo.setPrivateRepo(Boolean.TRUE.equals(request.isPrivate()));
        repo.setDescription(request.description());
        repo.touch(clock.instant(), "create " + name);
        try {
            repo = mongo.insert(repo);
        } catch (DuplicateKeyException e) {
            throw new RefusalException(ALREADY_EXISTS);
        }
        events.publishEvent(new CatalogChanged(type));
        return repo;
    }

    /** Labels and description need {@code write}; visibility and the name need {@code admin} (and, to move, {@code write} in the new namespace). */
    Repo update(RepoType type, String name, RepoRequests.Update request, CurrentUser user) {
        boolean administrative = request.isPrivate() != null || (request.newName() != null && !request.newName().equals(name));
        Repo repo = administrative ? catalog.findAdministrable(type, name, user) : catalog.findWritable(type, name, user);
        Update update = new Update();
        if (request.activeFilters() != null) {
            repo.setFacets(FacetValidator.valid(type, request.activeFilters()));
            update.set("activeFilters", repo.getActiveFilters()).set("labelKeys", repo.getLabelKeys());
        }
        if (request.isPrivate() != null) {
            update.set("isPrivate", request.isPrivate());
        }
        if (request.description() != null) {
            update.set("description", request.description());
        }
        String information = "update " + name;
        if (request.newName() != null && !request.newName().equals(name)) {
            String newName = RepoNames.valid("newName", request.newName());
            String newOwner = RepoNames.owner(newName, user);
            if (!newOwner.equalsIgnoreCase(repo.getOwner())) {
                permissions.requireCreateIn(newOwner, user);
            }
            repo.moveTo(newName, newOwner);
            update.set("name", repo.getName()).set("nameLower", newName.toLowerCase(java.util.Locale.ROOT))
                    .set("owner", repo.getOwner());
            information = "rename " + name + " to " + newName;
        }
        update.set("lastModified", clock.instant()).set("lastModifiedInformation", information);
        try {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(repo.getId())), update, Repo.class);
        } catch (DuplicateKeyException e) {
            throw new RefusalException(ALREADY_EXISTS);
        }
        events.publishEvent(new CatalogChanged(type));
        return mongo.findById(repo.getId(), Repo.class);
    }

    /** Deletes a repository the caller administers; {@link RepoDeleted} lets its files go. */
    void delete(RepoType type, String name, CurrentUser user) {
        remove(catalog.findAdministrable(type, name, user));
    }

    /**
     * Deletes every repository in the user's own namespace, each as {@link #delete} does
     * (so their files go as for any repository delete): part of deleting an account.
     *
     * @return how many were deleted
     */
    public int deleteOwnNamespace(CurrentUser user) {
        List<Repo> own = catalog.inNamespace(user.username(), user);
        own.forEach(this::remove);
        return own.size();
    }

    private void remove(Repo repo) {
        RepoType type = repo.repoType();
        mongo.remove(Query.query(Criteria.where("_id").is(repo.getId())), Repo.class);
        events.publishEvent(new CatalogChanged(type));
        events.publishEvent(new RepoDeleted(repo.getId(), type, repo.getName()));
    }

    /** The caller's repositories and their organisations', private ones included, newest change first. */
    List<Repo> personal(CurrentUser user) {
        Query query = Query.query(RepoPermissions.ownedByAny(permissions.namespaceKeys(user)))
                .with(Sort.by(Sort.Order.desc("lastModified"), Sort.Order.asc("_id")));
        return mongo.find(query, Repo.class);
    }
}
