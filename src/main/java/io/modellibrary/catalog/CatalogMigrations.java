package io.modellibrary.catalog;

import io.modellibrary.database.Migration;
import io.modellibrary.database.MigrationOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * The catalogue's start-up {@link Migration}s (their place in the list is
 * {@link MigrationOrder}'s): names unique ignoring case ({@link RepoNameKeys}), the
 * indexes real MongoDB needs for the catalogue queries, and the label taxonomy.
 */
@Configuration(proxyBeanMethods = false)
class CatalogMigrations {

    @Bean
    @Order(MigrationOrder.REPO_NAMES_IGNORING_CASE)
    Migration repoNamesIgnoringCaseMigration(MongoTemplate mongo) {
        return Migration.of("repo-names-ignoring-case", () -> RepoNameKeys.ensure(mongo));
    }

    @Bean
    @Order(MigrationOrder.CATALOG_INDEXES)
    Migration catalogIndexesMigration(MongoTemplate mongo) {
        return Migration.of("catalog-indexes", () -> {
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
        });
    }

    /**
     * The indexes that page a user's likes and a repository's likers newest first
     * ({@link LikeService#likesOf}, {@link LikeService#likersOf}): equality on the owner of the list, then
     * {@code _id} descending, so that real MongoDB answers a page from the index without sorting
     * (MongoDB manual, "Use Indexes to Sort Query Results": an equality prefix, then the sort key).
     */
    @Bean
    @Order(MigrationOrder.LIKE_PAGING_INDEXES)
    Migration likePagingIndexesMigration(MongoTemplate mongo) {
        return Migration.of("like-paging-indexes", () -> {
            mongo.indexOps(Like.class).createIndex(new Index().on("userId", Direction.ASC).on("_id", Direction.DESC).named("user_id"));
            mongo.indexOps(Like.class).createIndex(new Index().on("repoId", Direction.ASC).on("_id", Direction.DESC).named("repo_id"));
        });
    }

    @Bean
    @Order(MigrationOrder.LABEL_TAXONOMY)
    Migration labelTaxonomyMigration(LabelService labels) {
        return Migration.of("label-taxonomy", labels::seedTaxonomy);
    }
}
