package io.modellibrary.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads of the catalogue: lists and single repositories, always through
 * {@link RepoPermissions}. {@link #find}, {@link #findWritable} and {@link #findAdministrable}
 * are the checks every repository and file endpoint goes through.
 */
@Service
public class CatalogService {

    /**
     * Repository pages are read far more often than repositories change: the detail
     * endpoint answers from this cache, emptied on every local change and kept at most a
     * second, so servers sharing one MongoDB see each other's changes as quickly as in the
     * lists. Writers and file endpoints read the database ({@link #find}).
     */
    private final Cache<String, Optional<Repo>> details = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(CatalogIndex.RECHECK)
            .build();
    private final RepoAliases names;
    private final CatalogIndex index;
    private final RepoPermissions permissions;
    private final MongoTemplate mongo;

    CatalogService(RepoAliases names, CatalogIndex index, RepoPermissions permissions,
                   MongoTemplate mongo) {
        this.names = names;
        this.index = index;
        this.permissions = permissions;
        this.mongo = mongo;
    }

    CatalogIndex.Page list(CatalogQuery query, CurrentUser user) {
        return index.list(query, user);
    }

    /** One page of the catalogue as the repositories themselves (the web catalogue's cards show their labels). */
    public RepoPage page(CatalogQuery query, CurrentUser user) {
        return index.repos(query, user);
    }

    /** A page of repositories the caller may see, and how many match in all. */
    public record RepoPage(List<Repo> repos, long total) {
    }

    /** {@link #find}, from the cache of recently read repositories. */
    Repo detail(RepoType type, String name, CurrentUser user) {
        return resolve(name, user, candidate -> details.get(RepoAliases.key(type, candidate), key -> names.exact(type, candidate))
                .filter(repo -> permissions.roleOn(repo, user).isPresent()));
    }

    @EventListener({CatalogChanged.class, RepoStatsChanged.class})
    void onChange() {
        details.invalidateAll();
    }

    /**
     * The repository, if it exists and the caller may see it; otherwise {@code no such item}.
     * The name is compared without case, an old name of a renamed repository leads to it,
     * and a bare name may mean the caller's own {@code <caller>/<name>} ({@link RepoNames#candidates}).
     */
    public Repo find(RepoType type, String name, CurrentUser user) {
        return resolve(name, user, candidate -> names.exact(type, candidate)
                .filter(repo -> permissions.roleOn(repo, user).isPresent()));
    }

    /**
     * The current name of the repository that {@code name} leads to as an old name only (a rename's alias,
     * {@link RepoAliases}), when the caller may see it: where a page under the old name sends a browser.
     * Empty when {@code name} is a current name (in any case, or a bare name meaning the caller's own
     * {@code <caller>/<name>}), leads nowhere, or leads to a repository the caller may not see (which
     * must look exactly like one that does not exist). From the cache of recently read repositories; for
     * a page that answers before it looks the repository up (a sign-in asked for first), where
     * {@link #isOldName} on the repository found is the page's own check.
     */
    public Optional<String> renamedTo(RepoType type, String name, CurrentUser user) {
        Repo repo;
        try {
            repo = detail(type, name, user);
        } catch (NoSuchItemException absent) {
            return Optional.empty();
        }
        return isOldName(name, repo, user) ? Optional.of(repo.getName()) : Optional.empty();
    }

    /**
     * True when {@code asked} found {@code found} ({@link #find}) as one of its old names only: not as its
     * current name in any case, nor as a bare name meaning the caller's own {@code <caller>/<name>}
     * ({@link RepoNames#candidates}).
     *
     * @param asked the name the caller gave
     * @param found the repository {@link #find} answered for it
     * @param user  the caller, or null when anonymous
     */
    public static boolean isOldName(String asked, Repo found, CurrentUser user) {
        return RepoNames.candidates(asked, user).stream().noneMatch(c -> c.equalsIgnoreCase(found.getName()));
    }

    private static Repo resolve(String name, CurrentUser user, Function<String, Optional<Repo>> visibleByName) {
        for (String candidate : RepoNames.candidates(name, user)) {
            Optional<Repo> found = visibleByName.apply(candidate);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new NoSuchItemException();
    }

    /**
     * The repository, if the caller holds {@code write} on it (upload, edit and delete
     * files, change labels and description): one they may not see is {@code no such item},
     * one they may see but not change is 403.
     */
    public Repo findWritable(RepoType type, String name, CurrentUser user) {
        return findWithRole(type, name, user, Role.WRITE);
    }

    /**
     * The repository, if the caller holds {@code admin} on it (rename, delete, change its
     * visibility): its owner, or an organisation admin; otherwise as {@link #findWritable}.
     */
    public Repo findAdministrable(RepoType type, String name, CurrentUser user) {
        return findWithRole(type, name, user, Role.ADMIN);
    }

    /**
     * The repositories of one namespace (compared ignoring case) the caller may see, newest
     * change first: an organisation's page, or what an account deletion removes.
     */
    public List<Repo> inNamespace(String namespace, CurrentUser user) {
        Query query = new Query(
                RepoPermissions.ownedByAny(Set.of(RepoPermissions.key(namespace))))
                .with(Sort.by(Sort.Order.desc("lastModified")));
        return mongo.find(query, Repo.class).stream().filter(permissions.visibleTo(user)).toList();
    }

    /**
     * How many repositories one namespace (compared ignoring case) holds, private ones included:
     * an organisation is deleted only while it holds none. One count, by the same owner match as {@link #inNamespace}.
     */
    public long countInNamespace(String namespace) {
        return mongo.count(new Query(RepoPermissions.ownedByAny(Set.of(RepoPermissions.key(namespace)))), Repo.class);
    }

    /**
     * Of these repository ids, those of repositories the caller may see ({@link RepoPermissions#visibleTo}:
     * public, their own, their organisations'); ids of no repository (deleted ones) are left out.
     * One query by {@code _id}.
     *
     * @param user the caller, or null when anonymous
     */
    public Set<String> visibleAmong(java.util.Collection<String> repoIds, CurrentUser user) {
        if (repoIds.isEmpty()) {
            return Set.of();
        }
        Query query = new Query(org.springframework.data.mongodb.core.query.Criteria.where("_id").in(repoIds));
        return mongo.find(query, Repo.class).stream().filter(permissions.visibleTo(user)).map(Repo::getId)
                .collect(java.util.stream.Collectors.toSet());
    }

    private Repo findWithRole(RepoType type, String name, CurrentUser user, Role needed) {
        return requireRole(find(type, name, user), user, needed);
    }

    /**
     * The repository {@link #find} answered, if the caller holds {@code needed} on it ({@link #findWritable},
     * {@link #findAdministrable} for a repository already found).
     *
     * @throws NoSuchItemException when the caller may not see it
     * @throws ApiException 403 when they may see it but hold a lesser role (a read-only access token says so);
     *         401 for a write into the own namespace whose account was deleted meanwhile ({@link RepoPermissions#requireLiveAccount})
     */
    public Repo requireRole(Repo repo, CurrentUser user, Role needed) {
        Role held = permissions.roleOn(repo, user).orElseThrow(NoSuchItemException::new);
        if (!held.atLeast(needed)) {
            throw new ApiException(HttpStatus.FORBIDDEN, user != null && user.viaAccessToken() && !user.mayWrite()
                    ? "this access token is read-only"
                    : "changing " + repo.getName() + " needs the " + needed.id() + " role; you have " + held.id());
        }
        if (needed.atLeast(Role.WRITE)) {
            permissions.requireLiveAccount(repo.getOwner(), user);
        }
        return repo;
    }
}
