package io.modellibrary.database;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Database health by {@code ping}, which both a real MongoDB and the embedded server
 * answer (Spring Boot's own indicator sends {@code hello}, which the embedded one lacks,
 * so it is switched off in application.yaml).
 */
@Component("database")
class DatabaseHealthIndicator implements HealthIndicator {

    private final MongoTemplate mongo;

    DatabaseHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        return answer.get("ok", Number.class).intValue() == 1 ? Health.up().build() : Health.down().build();
    }
}
