package io.modellibrary.account;

import io.modellibrary.database.Migration;
import io.modellibrary.database.MigrationOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

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
