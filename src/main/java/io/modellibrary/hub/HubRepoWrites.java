package io.modellibrary.hub;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoService;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Refs;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Repository management as the Hub clients call it (docs/hub-api.md §4): create, delete, move,
 * settings, branches and tags, through {@code catalog.RepoService} and {@code versioning.Refs}.
 * Creating needs the right to create in the namespace, delete/move/settings admin on the
 * repository, branches and tags write; a repository the caller may not see is 404 {@code RepoNotFound}.
 */
@Service
class HubRepoWrites {

    private final RepoService repos;
    private final RepoAccess access;
    private final HubRepos hubRepos;
    private final Refs refs;

    HubRepoWrites(RepoService repos, RepoAccess access, HubRepos hubRepos, Refs refs) {
        this.repos = repos;
        this.access = access;
        this.hubRepos = hubRepos;
        this.refs = refs;
    }

    /**
     * Creates {@code namespace/name} ({@code namespace} null: the caller's own).
     *
     * @throws HubRepoExistsException 409 (with the repository's URL) when the name is taken
     */
    Repo create(RepoType type, String namespace, String name, boolean privateRepo, CurrentUser user) {
        String full = fullName(namespace, name);
        try {
            return repos.create(type, full, privateRepo, user);
        } catch (RuntimeException e) {
            if (RepoService.isAlreadyExists(e)) {
                throw new HubRepoExistsException(type, full.indexOf('/') < 0 ? user.username() + "/" + full : full);
            }
            throw e;
        }
    }

    void delete(RepoType type, String namespace, String name, CurrentUser user) {
        try {
            repos.deleteRepo(type, fullName(namespace, name), user);
        } catch (NoSuchItemException e) {
            throw HubException.repoNotFound();
        }
    }

    Repo move(RepoType type, String from, String to, CurrentUser user) {
        if (to == null || to.indexOf('/') < 0) {
            throw HubException.badRequest("toRepo must be namespace/name");
        }
        try {
            return repos.update(type, from, to, null, user);
        } catch (NoSuchItemException e) {
            throw HubException.repoNotFound();
        } catch (RuntimeException e) {
            if (RepoService.isAlreadyExists(e)) {
                throw new HubException(HttpStatus.CONFLICT, null, "repository " + to + " already exists", null);
            }
            throw e;
        }
    }

    Repo settings(HubRepoId id, Boolean privateRepo, CurrentUser user) {
        Repo repo = hubRepos.readable(id, user);
        return privateRepo == null ? repo : repos.update(id.type(), repo.getName(), null, privateRepo, user);
    }

    Refs.Ref createRef(HubRepoId id, Refs.Kind kind, String refName, String startingPoint, CurrentUser user) {
        Repo repo = writable(id, user);
        return refs.create(repo.getId(), kind, refName, HubRevision.parse(startingPoint));
    }

    void deleteRef(HubRepoId id, Refs.Kind kind, String refName, CurrentUser user) {
        refs.delete(writable(id, user).getId(), kind, refName);
    }

    /** The repository, if the caller may write it; 404 {@code RepoNotFound} if it may not see it, 403 if only read it. */
    Repo writable(HubRepoId id, CurrentUser user) {
        try {
            return access.writable(id.type(), id.name(), user);
        } catch (NoSuchItemException e) {
            throw HubException.repoNotFound();
        }
    }

    private static String fullName(String namespace, String name) {
        if (name == null || name.isBlank()) {
            throw HubException.badRequest("name is required");
        }
        return namespace == null || namespace.isBlank() || name.indexOf('/') >= 0 ? name : namespace + "/" + name;
    }

    /** 409: the name is a repository's already; the answer carries its {@code url} ({@code exist_ok} relies on the 409). */
    static final class HubRepoExistsException extends RuntimeException {
        private final RepoType type;
        private final String name;

        HubRepoExistsException(RepoType type, String name) {
            super("You already created this " + type.id() + " repo");
            this.type = type;
            this.name = name;
        }

        RepoType type() {
            return type;
        }

        String name() {
            return name;
        }
    }
}
