package io.modellibrary.database;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the start-up {@link Migration}s in their {@link MigrationOrder}, once every bean
 * exists and before anything is started (the web server, background work): those not
 * recorded yet and that apply, each recorded when done in collection {@code migrations}
 * ({@code _id} = the step's name, {@code at}, {@code millis}). A restart on a database
 * that has them all reads that collection once and runs nothing. One line per step run,
 * one line in all.
 */
@Component
class Migrations implements SmartInitializingSingleton {

    static final String COLLECTION = "migrations";
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final MongoTemplate mongo;
    private final List<Migration> steps;

    Migrations(MongoTemplate mongo, List<Migration> steps) {
        this.mongo = mongo;
        this.steps = List.copyOf(steps);
        Set<String> names = new HashSet<>();
        for (Migration step : this.steps) {
            if (!names.add(step.name())) {
                throw new IllegalStateException("two start-up migrations are named " + step.name());
            }
        }
    }

    /** The steps in the order they run. */
    List<Migration> steps() {
        return steps;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long start = System.nanoTime();
        Set<String> done = new HashSet<>();
        collection().find().projection(new Document("_id", 1)).forEach(d -> done.add(String.valueOf(d.get("_id"))));
        int ran = 0;
        for (Migration step : steps) {
            if (done.contains(step.name()) || !step.applies()) {
                continue;
            }
            long t0 = System.nanoTime();
            step.run();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            collection().replaceOne(new Document("_id", step.name()),
                    new Document("_id", step.name()).append("at", new Date()).append("millis", millis),
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
            log.info("Migration {} done in {} ms", step.name(), millis);
            ran++;
        }
        log.info("Migrations: {} run, {} done before, {} not applicable now ({} ms)", ran,
                steps.stream().filter(s -> done.contains(s.name())).count(),
                steps.size() - ran - steps.stream().filter(s -> done.contains(s.name())).count(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
