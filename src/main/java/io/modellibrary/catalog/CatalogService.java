package io.modellibrary.catalog;

import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.CurrentUser;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.List;

/** Reads of the catalogue: lists and single repositories, always through visibility. */
@Service
public class CatalogService {

    private final MongoTemplate mongo;
    private final RepoRepository repos;

    CatalogService(MongoTemplate mongo, RepoRepository repos) {
        this.mongo = mongo;
        this.repos = repos;
    }

    record Page(List<RepoListItem> items, long total) {
    }

    Page list(CatalogQuery query, CurrentUser user) {
        Criteria visible = Visibility.criteria(user);
        List<RepoListItem> items = mongo.find(query.pageQuery(visible), Repo.class).stream()
                .map(RepoListItem::of)
                .toList();
        long total = mongo.count(new Query(new Criteria().andOperator(query.criteria(), visible)), Repo.class);
        return new Page(items, total);
    }

    /** The repository, if it exists and the caller may see it; otherwise {@code no such item}. */
    public Repo find(RepoType type, String name, CurrentUser user) {
        return repos.findByTypeAndName(type.id(), name)
                .filter(repo -> Visibility.canSee(repo, user))
                .orElseThrow(NoSuchItemException::new);
    }
}
