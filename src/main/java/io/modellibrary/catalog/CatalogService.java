package io.modellibrary.catalog;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Reads of the catalogue: lists and single repositories, always through visibility. */
@Service
public class CatalogService {

    private final RepoRepository repos;
    private final CatalogIndex index;

    CatalogService(RepoRepository repos, CatalogIndex index) {
        this.repos = repos;
        this.index = index;
    }

    CatalogIndex.Page list(CatalogQuery query, CurrentUser user) {
        return index.list(query, user);
    }

    /** The repository, if it exists and the caller may see it; otherwise {@code no such item}. */
    public Repo find(RepoType type, String name, CurrentUser user) {
        return repos.findByTypeAndName(type.id(), name)
                .filter(repo -> Visibility.canSee(repo, user))
                .orElseThrow(NoSuchItemException::new);
    }

    /**
     * The repository, if the caller may change it: one they may not see is {@code no such
     * item}, one they may see but not change is 403.
     */
    public Repo findWritable(RepoType type, String name, CurrentUser user) {
        Repo repo = find(type, name, user);
        if (!Visibility.canWrite(repo, user)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "only the owner of " + repo.getName() + " or their team may change it");
        }
        return repo;
    }
}
