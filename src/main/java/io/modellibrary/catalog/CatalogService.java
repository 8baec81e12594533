package io.modellibrary.catalog;

import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
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
}
