package io.modellibrary.catalog;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * Prepares the catalogue's collections before the server takes requests: names unique
 * ignoring case ({@link RepoNameKeys}), the indexes real MongoDB needs for the catalogue
 * queries, and the label taxonomy.
 */
@Component
public class CatalogStartup implements InitializingBean {

    private final MongoTemplate mongo;
    private final LabelService labels;

    CatalogStartup(MongoTemplate mongo, LabelService labels) {
        this.mongo = mongo;
        this.labels = labels;
    }

    @Override
    public void afterPropertiesSet() {
        RepoNameKeys.ensure(mongo);
        IndexOperations repos = mongo.indexOps(Repo.class);
        repos.createIndex(new Index().on("type", Direction.ASC).on("downloads", Direction.DESC).named("type_downloads"));
        repos.createIndex(new Index().on("type", Direction.ASC).on("lastModified", Direction.DESC).named("type_lastModified"));
        repos.createIndex(new Index().on("type", Direction.ASC).on("createdAt", Direction.DESC).named("type_createdAt"));
        repos.createIndex(new Index().on("type", Direction.ASC).on("likes", Direction.DESC).named("type_likes"));
        repos.createIndex(new Index().on("type", Direction.ASC).on("labelKeys", Direction.ASC).named("type_labelKeys"));
        repos.createIndex(new Index().on("owner", Direction.ASC).named("owner"));
        repos.createIndex(new Index().on("trendingScore", Direction.DESC).on("lastActivityAt", Direction.DESC).named("trending"));
        mongo.indexOps(Like.class).createIndex(new Index().on("userId", Direction.ASC).on("repoId", Direction.ASC)
                .unique().named("user_repo_unique"));
        mongo.indexOps(Like.class).createIndex(new Index().on("repoId", Direction.ASC).named("repoId"));
        mongo.indexOps(RepoActivity.class).createIndex(new Index().on("repoId", Direction.ASC).on("day", Direction.ASC)
                .unique().named("repo_day_unique"));
        mongo.indexOps(RepoActivity.class).createIndex(new Index().on("day", Direction.ASC).named("day"));
        mongo.indexOps(Label.class).createIndex(new Index().on("type", Direction.ASC).on("facet", Direction.ASC)
                .on("name", Direction.ASC).unique().named("type_facet_name_unique"));
        labels.seedTaxonomy();
    }
}
