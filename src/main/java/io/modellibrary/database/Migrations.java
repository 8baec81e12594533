package io.modellibrary.database;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the start-up {@link Migration}s in their {@link MigrationOrder}, once every bean
 * exists and before anything is started (the web server, background work): those not
 * recorded yet and that apply, each recorded when done in collection {@code migrations}
 * ({@code _id} = the step's name, {@code at}, {@code millis}). A restart on a database
 * that has them all reads that collection once and runs nothing. One line per step run,
 * one line in all.
 *
 * <p>Servers starting together on one database run them one at a time: a server with steps to
 * run first takes the {@link Lease} {@value #LEASE} ({@link #TTL}, renewed every
 * {@link #RENEW_EVERY} by a background thread while a step runs, however long), reads the
 * records again and runs what is still to do. The others wait, polling every {@link Waiting#poll}
 * and logging whom they wait for, until the records show every step done; a holder that died
 * is taken over once its lease has run out. A server that has waited longer than
 * {@link Waiting#atMost} (by the application's clock) stops its start with an error. A holder
 * that could not renew its lease (another server may have taken it over) runs no further step
 * and waits like the others.
 */
@Component
class Migrations implements SmartInitializingSingleton {

    static final String COLLECTION = "migrations";
    static final String LEASE = "migrations";
    /** How long the migrations' lease lasts without renewal: how long a holder that died delays the others. */
    static final Duration TTL = Duration.ofMinutes(1);
    /** How often the holder renews its lease while it runs steps. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /**
     * How a server waits for another's migrations: it polls every {@code poll} (by
     * {@code pause}), logs every {@code logEvery}, gives up after {@code atMost}; a holder
     * renews every {@code renewEvery}.
     */
    record Waiting(Duration poll, Duration logEvery, Duration atMost, Duration renewEvery, Pause pause) {

        /** The production values: a poll a second, a line every 30 s, an hour at most. */
        static Waiting standard() {
            return new Waiting(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1), RENEW_EVERY,
                    d -> Thread.sleep(d.toMillis()));
        }
    }

    /** Waits between two polls of a waiting server. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final MongoTemplate mongo;
    private final List<Migration> steps;
    private final Lease lease;
    private final Clock clock;
    private final Waiting waiting;

    @Autowired
    Migrations(MongoTemplate mongo, List<Migration> steps, Clock clock) {
        this(mongo, steps, clock, Waiting.standard());
    }

    Migrations(MongoTemplate mongo, List<Migration> steps, Clock clock, Waiting waiting) {
        this.mongo = mongo;
        this.steps = List.copyOf(steps);
        this.clock = clock;
        this.waiting = waiting;
        this.lease = new Lease(mongo, clock, LEASE, TTL);
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

    /**
     * Runs the steps to do, or waits until another server has: see the class comment.
     *
     * @throws IllegalStateException when another server held the lease longer than {@link Waiting#atMost}
     *                               (or this thread was interrupted while waiting)
     */
    @Override
    public void afterSingletonsInstantiated() {
        long start = System.nanoTime();
        Instant waitingSince = null;
        Instant logged = null;
        while (true) {
            Set<String> done = recorded();
            if (toDo(done).isEmpty()) {
                summary(0, done, start);
                return;
            }
            Optional<String> tenure = lease.take();
            if (tenure.isPresent()) {
                done = recorded(); // another server may have finished between the read and the take
                int ran = runHolding(tenure.get(), toDo(done));
                if (ran >= 0) {
                    summary(ran, done, start);
                    return;
                }
                continue;
            }
            Instant now = clock.instant();
            waitingSince = waitingSince == null ? now : waitingSince;
            if (logged == null || !now.isBefore(logged.plus(waiting.logEvery()))) {
                log.info("Migrations: waiting for {} to run the start-up migrations ({} s so far)",
                        lease.holder().orElse("another server"), Duration.between(waitingSince, now).toSeconds());
                logged = now;
            }
            giveUpAfter(waitingSince, now);
            pause();
        }
    }

    /** Those of the steps not recorded in {@code done} that apply now. */
    private List<Migration> toDo(Set<String> done) {
        return steps.stream().filter(s -> !done.contains(s.name()) && s.applies()).toList();
    }

    /**
     * Runs {@code toDo} under the lease's {@code tenure}, renewed in the background, and releases
     * it. Answers how many ran, or -1 when the lease was lost before they all had.
     */
    private int runHolding(String tenure, List<Migration> toDo) {
        AtomicBoolean lost = new AtomicBoolean();
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migrations-lease");
            t.setDaemon(true);
            return t;
        });
        long every = waiting.renewEvery().toMillis();
        renewer.scheduleWithFixedDelay(() -> renew(tenure, lost), every, every, TimeUnit.MILLISECONDS);
        try {
            int ran = 0;
            for (Migration step : toDo) {
                if (lost.get()) {
                    log.warn("Migrations: lost the lease ({}) after {} steps; waiting for its new holder", lease.owner(), ran);
                    return -1;
                }
                run(step);
                ran++;
            }
            return ran;
        } finally {
            renewer.shutdown(); // not shutdownNow: a renewal in progress finishes (after the release it matches nothing)
            lease.release(tenure);
        }
    }

    /** One renewal; a failed one marks the lease {@code lost}, an error is logged and the next renewal tries again. */
    private void renew(String tenure, AtomicBoolean lost) {
        try {
            if (!lease.renew(tenure)) {
                lost.set(true);
            }
        } catch (RuntimeException e) {
            log.warn("Migrations: could not renew the lease ({}); trying again in {}", e.toString(), waiting.renewEvery());
        }
    }

    private void run(Migration step) {
        long t0 = System.nanoTime();
        step.run();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        collection().replaceOne(new Document("_id", step.name()),
                new Document("_id", step.name()).append("at", new Date()).append("millis", millis),
                new ReplaceOptions().upsert(true));
        log.info("Migration {} done in {} ms", step.name(), millis);
    }

    private void giveUpAfter(Instant waitingSince, Instant now) {
        if (Duration.between(waitingSince, now).compareTo(waiting.atMost()) > 0) {
            throw new IllegalStateException("waited " + waiting.atMost() + " for " + lease.holder().orElse("another server")
                    + " to run the start-up migrations; start again once it has (collection " + COLLECTION + ")");
        }
    }

    private void pause() {
        try {
            waiting.pause().pause(waiting.poll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the start-up migrations", e);
        }
    }

    private Set<String> recorded() {
        Set<String> done = new HashSet<>();
        collection().find().projection(new Document("_id", 1)).forEach(d -> done.add(String.valueOf(d.get("_id"))));
        return done;
    }

    private void summary(int ran, Set<String> done, long start) {
        long before = steps.stream().filter(s -> done.contains(s.name())).count();
        log.info("Migrations: {} run, {} done before, {} not applicable now ({} ms)", ran, before,
                steps.size() - ran - before, (System.nanoTime() - start) / 1_000_000);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
