package io.modellibrary.account;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.database.Migration;
import io.modellibrary.database.MigrationOrder;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.file.Path;

/**
 * The accounts' start-up {@link Migration}s (their place in the list is
 * {@link MigrationOrder}'s): the user and access-token indexes (the unique one decides
 * racing registrations; tokens are looked up by {@code _id}, listed by user), and the
 * names of users registered before names were claimed, claimed ({@link Namespaces}).
 */
@Configuration(proxyBeanMethods = false)
class AccountMigrations {

    @Bean
    @Order(MigrationOrder.ACCOUNT_INDEXES)
    Migration accountIndexesMigration(MongoTemplate mongo) {
        return Migration.of("account-indexes", () -> {
            IndexOperations users = mongo.indexOps(User.class);
            users.createIndex(new Index().on("usernameKey", Direction.ASC).unique().named("usernameKey_unique"));
            users.createIndex(new Index().on("teamKey", Direction.ASC).sparse().named("teamKey"));
            mongo.indexOps(AccessToken.class).createIndex(new Index().on("userId", Direction.ASC).named("userId"));
        });
    }

    @Bean
    @Order(MigrationOrder.USER_NAME_CLAIMS)
    Migration userNameClaimsMigration(MongoTemplate mongo, Namespaces namespaces) {
        return Migration.of("user-name-claims", () -> claimExistingNames(mongo, namespaces));
    }

    /**
     * Avatars of {@code <data-dir>/images/} (where each server kept its own) into the blob store,
     * under the same names, so every server serves them. Applies when that folder exists (else it
     * is asked again at the next start). Done once per database, like every step: servers that
     * each kept avatars of their own before put all the files into the folder of the server that
     * starts first with this version (the names are random, they do not collide).
     */
    @Bean
    @Order(MigrationOrder.AVATARS_TO_BLOBS)
    Migration avatarsToBlobsMigration(AvatarStore avatars, ModelLibraryProperties properties) {
        Path folder = properties.dataDir().resolve("images");
        return Migration.of("avatars-to-blobs", () -> java.nio.file.Files.isDirectory(folder), () -> {
            try {
                int moved = avatars.moveFromFolder();
                java.nio.file.Files.deleteIfExists(folder);
                LoggerFactory.getLogger(AccountMigrations.class).info("Moved {} avatars from {} into the blob store", moved, folder);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot move the avatars of " + folder + " into the blob store", e);
            }
        });
    }

    private static void claimExistingNames(MongoTemplate mongo, Namespaces namespaces) {
        Query userClaims = Query.query(Criteria.where("kind").is(Namespaces.Kind.USER));
        if (mongo.count(userClaims, Namespaces.NameClaim.class) >= mongo.count(new Query(), User.class)) {
            return;
        }
        Query query = new Query();
        query.fields().include("username");
        mongo.stream(query, User.class).forEach(user -> namespaces.backfill(user.getUsername(), Namespaces.Kind.USER));
    }
}
