package io.modellibrary.catalog;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.common.RefusalException;
import io.modellibrary.security.CurrentUser;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Creating, changing and deleting repositories. Server-owned fields (owner, author,
 * avatar, counters, times, id) are set here and never taken from a request. The unique
 * {@code (type, name)} index settles racing creates and renames: one wins, the other
 * hears {@code item already exists}. Changes are targeted updates, so they never undo a
 * download or like counted meanwhile.
 *
 * <p>A write that puts a repository into a namespace (a creation, a rename or move into another
 * namespace) reads the namespace's {@link NamespaceClaims#standing} before its permission check and
 * again after it wrote, and takes the write back (deletes the new repository, moves the renamed one
 * back) with a 403 saying so when the two reads differ or the namespace is closing: its holder is
 * being deleted. The deletion marks the name before it counts the
 * namespace's repositories, so either that count sees the repository (the deletion is refused, or
 * an account's repositories are deleted with it) or the second read sees the mark, or the name
 * freed or claimed anew; no repository stays behind in a freed namespace for its next holder
 * (found by a newcomer's probe; docs/decisions.md "Deleting a namespace while it is written to").
 * A write that found the name freed or claimed anew only after its holder's deletion ended is the
 * permission check's to refuse: an organisation's former members have no role there, and a deleted
 * user's request, signed in before, hears 401 ({@link RepoPermissions#requireLiveAccount}).
 */
@Service
public class RepoService {

    private static final Logger log = LoggerFactory.getLogger(RepoService.class);

    static final String ALREADY_EXISTS = "item already exists";

    private final MongoTemplate mongo;
    private final CatalogService catalog;
    private final RepoAliases aliases;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<AvatarSource> avatars;
    private final RepoPermissions permissions;
    private final ObjectProvider<NamespaceClaims> claims;
    private final Clock clock;

    /** Runs after a write's permission check, just before it writes into a namespace: a seam for tests of races. */
    volatile Runnable beforeWrite = () -> { };
    /** Runs as a write into a namespace starts, before its first read of the namespace's standing: a seam for tests of races. */
    volatile Runnable beforeEnter = () -> { };

    RepoService(MongoTemplate mongo, CatalogService catalog, RepoAliases aliases, ApplicationEventPublisher events,
                ObjectProvider<AvatarSource> avatars, RepoPermissions permissions, ObjectProvider<NamespaceClaims> claims,
                Clock clock) {
        this.claims = claims;
        this.clock = clock;
        this.mongo = mongo;
        this.catalog = catalog;
        this.aliases = aliases;
        this.events = events;
        this.avatars = avatars;
        this.permissions = permissions;
    }

    /**
     * Creates the repository under the name {@link RepoNames#qualified} gives (always in a
     * namespace); 403 outside the caller's namespaces, code 0 {@code item already exists}
     * when the name (ignoring case) is a repository's current name. An old name of a
     * renamed repository in the same namespace is taken over (its redirect ends) only by the
     * namespace's holder at the time of the rename; after the namespace was freed and
     * claimed again it stays reserved ({@link ReservedNameException}, to the seed API the same
     * {@code item already exists}). A repository created while
     * the namespace's holder is being deleted is deleted again at once: 403 as outside the caller's
     * namespaces (see above).
     */
    Repo create(RepoType type, RepoRequests.Create request, CurrentUser user) {
        String name = RepoNames.qualified(RepoNames.fresh("name", request.name()), request.author(), user);
        String owner = RepoNames.owner(name, user);
        String standing = enter(owner, user);
        if (aliases.heldForAnother(type, name, null)) {
            throw new ReservedNameException(name);
        }
        boolean privateRepo = request.privateRepo();
        AvatarSource avatar = avatars.getIfAvailable(() -> u -> AvatarSource.DEFAULT_AVATAR);
        Repo repo = new Repo(type, name, owner, user.username(), avatar.avatarOf(user));
        repo.setFacets(FacetValidator.valid(type, request.activeFilters()));
        repo.setPrivateRepo(privateRepo);
        repo.setDescription(request.description());
        repo.touch(clock.instant(), "create " + name);
        beforeWrite.run();
        try {
            repo = mongo.insert(repo);
        } catch (DuplicateKeyException e) {
            throw new RefusalException(ALREADY_EXISTS);
        }
        if (!standing.equals(standing(owner))) {
            remove(repo);
            throw closing(owner);
        }
        aliases.release(type, name);
        events.publishEvent(new CatalogChanged(type));
        return repo;
    }

    /**
     * Changes labels, description, visibility and name. Labels and description need
     * {@code write}; visibility and the name need {@code admin} (and, to move, {@code write}
     * in the new namespace). A rename keeps the old name answering for the repository (an
     * alias); the new name must have a namespace, unless it is an old name of this same
     * repository. A move into a namespace whose holder is being deleted is moved back with every
     * change of this request: 403 as outside the caller's namespaces (see above).
     */
    Repo update(RepoType type, String name, RepoRequests.Update request, CurrentUser user) {
        boolean administrative = request.visibility() != null || (request.newName() != null && !request.newName().equals(name));
        Repo repo = administrative ? catalog.findAdministrable(type, name, user) : catalog.findWritable(type, name, user);
        String oldName = repo.getName();
        Update update = changes(type, repo, request);
        String information = "update " + oldName;
        String entered = null;
        String newOwner = repo.getOwner();
        if (request.newName() != null && !request.newName().equals(oldName)) {
            String newName = newName(type, request.newName(), repo, user);
            newOwner = newName.indexOf('/') < 0 ? repo.getOwner() : RepoNames.owner(newName, user);
            if (!newOwner.equalsIgnoreCase(repo.getOwner())) {
                entered = enter(newOwner, user);
            }
            if (aliases.heldForAnother(type, newName, repo)) {
                throw new ReservedNameException(newName);
            }
            if (takenByAnother(type, newName, repo)) {
                throw new RefusalException(ALREADY_EXISTS);
            }
            repo.moveTo(newName, newOwner);
            update.set("name", repo.getName()).set("nameLower", RepoAliases.lower(newName)).set("owner", repo.getOwner());
            information = "rename " + oldName + " to " + newName;
        }
        Instant now = clock.instant();
        update.set("lastModified", now).set("lastModifiedInformation", information);
        Document before = entered == null ? null : mongo.findById(repo.getId(), Document.class, mongo.getCollectionName(Repo.class));
        if (entered != null) {
            beforeWrite.run();
        }
        Repo updated = apply(type, repo, oldName, update, now);
        if (entered != null && before != null && !entered.equals(standing(newOwner))) {
            moveBack(type, updated, oldName, before, update);
            events.publishEvent(new CatalogChanged(type));
            throw closing(newOwner);
        }
        events.publishEvent(new CatalogChanged(type));
        return updated;
    }

    /**
     * The namespace's standing before a write into it, to compare after the write ({@link NamespaceClaims#standing}),
     * read before the caller's right to create in it is checked ({@link RepoPermissions#requireCreateIn}), so that
     * a right checked against one holder never lets a write stay under the next one.
     *
     * @throws ApiException 403 when the caller may not create in the namespace, or (only
     *         then said) when its holder is being deleted ({@link #closing}); 401 when it is the caller's own and
     *         their account was deleted ({@link RepoPermissions#requireLiveAccount}, checked after the first read:
     *         a write that read the name freed or claimed anew comes after the deletion removed the account)
     */
    private String enter(String namespace, CurrentUser user) {
        beforeEnter.run();
        String standing = standing(namespace);
        permissions.requireCreateIn(namespace, user);
        if (NamespaceClaims.CLOSING.equals(standing)) {
            throw closing(namespace);
        }
        return standing;
    }

    /**
     * The 403 of a write into a namespace whose holder is being deleted, or was deleted or claimed anew
     * while the write ran: nothing stays in it. Said only to a caller who may create there, so it tells
     * nobody else that a deletion is under way.
     */
    private static ApiException closing(String namespace) {
        return new ApiException(HttpStatus.FORBIDDEN, namespace
                + " is being deleted or was deleted meanwhile: nothing was created or moved into it");
    }

    private String standing(String namespace) {
        NamespaceClaims source = claims.getIfAvailable();
        return source == null ? NamespaceClaims.FREE : source.standing(namespace);
    }

    /**
     * Takes a move into a closing namespace back: every field the update set gets its value from
     * {@code before} (the repository's document as read before the update) again, as long as the
     * repository still has the name the move gave it, and its old name is its current name again
     * (no alias). Should its old name have been taken meanwhile (the unique index refuses), the move
     * stays and is logged: the namespace's deletion still sees the repository only if it counts later.
     */
    private void moveBack(RepoType type, Repo moved, String oldName, Document before, Update update) {
        Update back = new Update();
        for (String field : update.getUpdateObject().get("$set", Document.class).keySet()) {
            if (before.containsKey(field)) {
                back.set(field, before.get(field));
            } else {
                back.unset(field);
            }
        }
        Query stillMoved = Query.query(Criteria.where("_id").is(moved.getId()).and("name").is(moved.getName()));
        try {
            if (mongo.findAndModify(stillMoved, back, Repo.class) != null) {
                aliases.release(type, oldName);
            }
        } catch (DuplicateKeyException e) {
            log.warn("Could not move {} back to {} out of a namespace being deleted: the old name was taken meanwhile",
                    moved.getName(), oldName);
        }
    }

    /**
     * True when another repository of the type has the name (ignoring case): the rename is
     * refused before it writes. The unique index still settles a race, but the embedded
     * database logs every refused {@code findAndModify} as an ERROR, which a user choosing a
     * taken name should not put in an operator's log (found by a newcomer's probe).
     */
    private boolean takenByAnother(RepoType type, String newName, Repo repo) {
        return aliases.current(type, newName).filter(holder -> !holder.getId().equals(repo.getId())).isPresent();
    }

    /** Labels, visibility and description as the request changes them. */
    private static Update changes(RepoType type, Repo repo, RepoRequests.Update request) {
        Update update = new Update();
        if (request.activeFilters() != null) {
            repo.setFacets(FacetValidator.valid(type, request.activeFilters()));
            update.set("activeFilters", repo.getActiveFilters()).set("labelKeys", repo.getLabelKeys());
        }
        Boolean visibility = request.visibility();
        if (visibility != null) {
            update.set("isPrivate", visibility);
        }
        if (request.description() != null) {
            update.set("description", request.description());
        }
        return update;
    }

    /**
     * Writes the update. When the name moves (not only its case), the old name is kept as
     * an alias first, so it is never free meanwhile, and an alias under the new name ends;
     * the unique {@code (type, nameLower)} index settles a clash: {@code item already exists}.
     *
     * @return the repository as this update left it (not as a later rename or change left it:
     *         of two renames at once, each answers the name it gave)
     */
    private Repo apply(RepoType type, Repo repo, String oldName, Update update, Instant now) {
        boolean moved = !RepoAliases.lower(oldName).equals(RepoAliases.lower(repo.getName()));
        if (moved) {
            aliases.remember(type, oldName, repo, now);
        }
        // a rename only from the name read: of two renames at once, the second would otherwise
        // answer 200 and move the repository away from the first's new name, which it never aliased
        Criteria target = Criteria.where("_id").is(repo.getId());
        if (moved) {
            target = target.and("name").is(oldName);
        }
        Repo updated;
        try {
            updated = mongo.findAndModify(Query.query(target), update,
                    FindAndModifyOptions.options().returnNew(true), Repo.class);
            if (updated == null && moved) {
                // renamed (or deleted) meanwhile; the old name's alias is the other rename's now
                throw new io.modellibrary.common.ApiException(org.springframework.http.HttpStatus.CONFLICT,
                        oldName + " was renamed or deleted meanwhile; nothing was changed");
            }
            if (updated == null) {
                throw new NoSuchItemException();
            }
        } catch (DuplicateKeyException e) {
            if (moved) {
                aliases.release(type, oldName);
            }
            throw new RefusalException(ALREADY_EXISTS);
        }
        if (moved) {
            aliases.release(type, repo.getName());
        }
        return updated;
    }

    /**
     * A valid new name. A bare one is accepted only when it is an old name of this
     * repository (undoing a rename): otherwise a 400 whoever holds it, so a rename never
     * tells whether a private namespace-less repository has that name.
     */
    private String newName(RepoType type, String requested, Repo repo, CurrentUser user) {
        String newName = RepoNames.valid("newName", requested);
        if (newName.indexOf('/') < 0 && !RepoAliases.lower(newName).equals(RepoAliases.lower(repo.getName()))
                && !aliases.isAliasOf(type, newName, repo)) {
            throw new BadRequestException("newName needs a namespace, such as " + user.username() + "/" + newName);
        }
        if (!RepoAliases.lower(newName).equals(RepoAliases.lower(repo.getName())) && !aliases.isAliasOf(type, newName, repo)) {
            RepoNames.fresh("newName", newName); // a new name: the rules of today; an old one of this repository stays possible
        }
        return newName;
    }

    /**
     * For the Hub face ({@code POST /api/repos/create}): {@link #create} with a name and a
     * visibility only. A repository that exists is {@link #isAlreadyExists}.
     */
    public Repo create(RepoType type, String name, boolean privateRepo, CurrentUser user) {
        return create(type, name, privateRepo, null, user);
    }

    /**
     * For the web face's new-repository page ({@code /new}, {@code /new-dataset}): {@link #create} with a
     * name, a visibility and labels ({@code facet -> labels}, checked as {@code activeFilters} are; null
     * for none). A repository that exists is {@link #isAlreadyExists}; 403 outside the caller's namespaces.
     */
    public Repo create(RepoType type, String name, boolean privateRepo, Map<String, List<String>> labels, CurrentUser user) {
        return create(type, new RepoRequests.Create(name, null, privateRepo, null, labels, null, null), user);
    }

    /**
     * For the Hub face: {@link #update} of the name ({@code newName}, null to keep it) and the
     * visibility ({@code privateRepo}, null to keep it); both need admin on the repository.
     */
    public Repo update(RepoType type, String name, String newName, Boolean privateRepo, CurrentUser user) {
        return update(type, name, new RepoRequests.Update(newName, privateRepo, null, null, null, null), user);
    }

    /** For the Hub face: {@link #delete} (admin on the repository). */
    public void deleteRepo(RepoType type, String name, CurrentUser user) {
        delete(type, name, user);
    }

    /**
     * Deletes a repository this request has just created, whose first commit failed
     * ({@code content.NewRepositories}): no access check, since its creator may hold only
     * {@code write} in an organisation, which cannot delete (a repository was left behind,
     * found by a probe). Never for a repository anyone else may have seen written to.
     */
    public void discardCreated(Repo repo) {
        remove(repo);
    }

    /** True when {@code e} is the refusal of a name that a repository has already. */
    public static boolean isAlreadyExists(RuntimeException e) {
        return e instanceof RefusalException && ALREADY_EXISTS.equals(e.getMessage());
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