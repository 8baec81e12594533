package io.modellibrary.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.function.Function;

/** Reads of the catalogue: lists and single repositories, always through visibility. */
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

    CatalogService(RepoAliases names, CatalogIndex index) {
        this.names = names;
        this.index = index;
    }

    CatalogIndex.Page list(CatalogQuery query, CurrentUser user) {
        return index.list(query, user);
    }

    /** {@link #find}, from the cache of recently read repositories. */
    Repo detail(RepoType type, String name, CurrentUser user) {
        return resolve(name, user, candidate -> details.get(RepoAliases.key(type, candidate), key -> names.exact(type, candidate))
                .filter(repo -> Visibility.canSee(repo, user)));
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
                .filter(repo -> Visibility.canSee(repo, user)));
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
