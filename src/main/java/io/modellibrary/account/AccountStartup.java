package io.modellibrary.account;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Before the server takes requests: creates the user and access-token indexes (the unique
 * one decides racing registrations; tokens are looked up by {@code _id}, listed by user)
 * and claims the names of users registered before names were claimed ({@link Namespaces}).
 */
@Component
class AccountStartup implements InitializingBean {

    private final MongoTemplate mongo;
    private final Namespaces namespaces;

    AccountStartup(MongoTemplate mongo, Namespaces namespaces) {
        this.mongo = mongo;
        this.namespaces = namespaces;
    }

    @Override
    public void afterPropertiesSet() {
        IndexOperations users = mongo.indexOps(User.class);
        users.createIndex(new Index().on("usernameKey", Direction.ASC).unique().named("usernameKey_unique"));
        users.createIndex(new Index().on("teamKey", Direction.ASC).sparse().named("teamKey"));
        mongo.indexOps(AccessToken.class).createIndex(new Index().on("userId", Direction.ASC).named("userId"));
        claimExistingNames();
    }

    private void claimExistingNames() {
        Query userClaims = Query.query(Criteria.where("kind").is(Namespaces.Kind.USER));
        if (mongo.count(userClaims, Namespaces.NameClaim.class) >= mongo.count(new Query(), User.class)) {
            return;
        }
        Query query = new Query();
        query.fields().include("username");
        mongo.stream(query, User.class).forEach(user -> namespaces.backfill(user.getUsername(), Namespaces.Kind.USER));
    }
}
