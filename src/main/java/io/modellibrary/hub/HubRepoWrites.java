package io.modellibrary.hub;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoService;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.ReservedNameException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.FilesProperties;
import io.modellibrary.content.NewRepositories;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.TooLargeException;
import io.modellibrary.content.Uploads;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Refs;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Repository management as the Hub clients call it (docs/hub-api.md §4): create, delete, move,
 * settings, branches and tags, through {@code catalog.RepoService} and {@code versioning.Refs}.
 * Creating needs the right to create in the namespace, delete/move/settings admin on the
 * repository, branches and tags write; a repository the caller may not see is 404 {@code RepoNotFound}.
 * A create makes the first commit as the Hub does ({@code content.NewRepositories}).
 */
@Service
class HubRepoWrites {

    private final RepoService repos;
    private final RepoAccess access;
    private final HubRepos hubRepos;
    private final Refs refs;
    private final Uploads uploads;
    private final NewRepositories newRepositories;

    HubRepoWrites(RepoService repos, RepoAccess access, HubRepos hubRepos, Refs refs, Uploads uploads,
                  NewRepositories newRepositories) {
        this.repos = repos;
        this.access = access;
        this.hubRepos = hubRepos;
        this.refs = refs;
        this.uploads = uploads;
        this.newRepositories = newRepositories;
    }

    /** One of the {@code files} of a create ({@code @huggingface/hub lib/create-repo.ts}): content in {@code encoding}. */
    record InitialFile(String path, String content, String encoding) {
    }

    /**
     * Creates {@code namespace/name} ({@code namespace} null: the caller's own) with its first commit on
     * {@code main}: the Hub's {@code .gitattributes} and {@code files} (null or empty: none), through
     * {@link NewRepositories#create}. Every file is decoded and checked (path rules of {@link RepoPath},
     * {@code modellibrary.files.max-file-size} each, {@code max-request-size} together) before the
     * repository is created, so an invalid file creates nothing.
     *
     * @throws HubException            400 when a file's path is missing or its content is not base64
     * @throws io.modellibrary.common.BadRequestException 400 for a path the path rules refuse or named twice
     * @throws TooLargeException       413 over a size limit
     * @throws HubRepoExistsException  409 (with the repository's URL) when the name is taken
     * @throws HubException            400 when the name is kept as another holder's old name
     *                                 ({@link ReservedNameException}: not the 409 that {@code exist_ok} takes for success)
     * @throws IOException             when the blobs cannot be stored
     */
    Repo create(RepoType type, String namespace, String name, boolean privateRepo, List<InitialFile> files,
                CurrentUser user) throws IOException {
        List<NewRepositories.InitialFile> decoded = decode(files);
        String full = fullName(namespace, name);
        try {
            return newRepositories.create(type, full, privateRepo, null, decoded, user);
        } catch (ReservedNameException e) {
            throw HubException.badRequest(e.explanation());
        } catch (RuntimeException e) {
            if (RepoService.isAlreadyExists(e)) {
                throw new HubRepoExistsException(type, full.indexOf('/') < 0 ? user.username() + "/" + full : full);
            }
            throw e;
        }
    }

    private List<NewRepositories.InitialFile> decode(List<InitialFile> files) {
        if (files == null) {
            return List.of();
        }
        List<NewRepositories.InitialFile> decoded = new ArrayList<>(files.size());
        long total = 0;
        for (InitialFile file : files) {
            if (file == null || file.path() == null || file.path().isEmpty()) {
                throw HubException.badRequest("path is required in every file");
            }
            byte[] bytes = HubUploads.content(file.path(), file.content(), file.encoding());
            total += bytes.length;
            if (total > uploads.maxRequestBytes()) {
                throw new TooLargeException("the files are larger together than the limit of "
                        + FilesProperties.describe(uploads.maxRequestBytes()));
            }
            decoded.add(new NewRepositories.InitialFile(RepoPath.of(file.path()), bytes));
        }
        return decoded;
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
        } catch (ReservedNameException e) {
            throw HubException.badRequest(e.explanation());
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
