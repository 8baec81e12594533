package io.modellibrary.account;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/** Creates the user indexes before the server takes requests; the unique one decides racing registrations. */
@Component
class AccountStartup implements InitializingBean {

    private final MongoTemplate mongo;

    AccountStartup(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        IndexOperations users = mongo.indexOps(User.class);
        users.createIndex(new Index().on("usernameKey", Direction.ASC).unique().named("usernameKey_unique"));
        users.createIndex(new Index().on("teamKey", Direction.ASC).sparse().named("teamKey"));
    }
}
