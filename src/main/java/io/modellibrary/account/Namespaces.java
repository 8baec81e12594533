package io.modellibrary.account;

import io.modellibrary.catalog.NamespaceClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The one name space users and organisations share (docs/http-contract.md#names): collection {@code names},
 * {@code _id} = the lower-cased name. A user or an organisation is created only after
 * its name was claimed here by an insert, so two racing creations of {@code acme} (a
 * user and an organisation, or two of either) cannot both succeed; the loser hears that
 * the name is taken. Names are unique ignoring case and kept as spelled in their owner's
 * document.
 */
@Component
public class Namespaces implements NamespaceClaims {

    private static final Logger log = LoggerFactory.getLogger(Namespaces.class);

    private final MongoTemplate mongo;

    Namespaces(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Who holds a name. */
    public enum Kind { USER, ORG }

    /**
     * A claimed name: {@code _id} is its lower-case key. {@code claimId} is new with every
     * claim, so a name freed and claimed again by someone else is told apart from its first
     * holder; {@code null} for claims of holders that existed before claims had one.
     */
    @Document("names")
    record NameClaim(@Id String id, String name, Kind kind, Instant createdAt, String claimId) {
    }

    /** Claims the name for a new user or organisation; false when it is taken (ignoring case) by a user or an organisation. */
    public boolean claim(String name, Kind kind) {
        return insert(name, kind, UUID.randomUUID().toString());
    }

    /**
     * Claims the name for a holder that already existed before this claim (start-up
     * conversions, the demo owners): like {@link #claim}, but it is the same holder as before,
     * so the claim carries no new identity.
     */
    public boolean claimExisting(String name, Kind kind) {
        return insert(name, kind, null);
    }

    private boolean insert(String name, Kind kind, String claimId) {
        try {
            mongo.insert(new NameClaim(Names.key(name), name, kind, Instant.now(), claimId));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public Optional<String> currentClaim(String namespace) {
        return Optional.ofNullable(mongo.findById(Names.key(namespace), NameClaim.class))
                .map(claim -> claim.claimId() == null ? NamespaceClaims.EARLIER : claim.claimId());
    }

    /** Gives back a name claimed for this kind (after a failed creation, or a deletion). */
    public void release(String name, Kind kind) {
        mongo.remove(Query.query(Criteria.where("_id").is(Names.key(name)).and("kind").is(kind)), NameClaim.class);
    }

    /** Who holds the name, if anyone. */
    public Optional<Kind> holder(String name) {
        return Optional.ofNullable(mongo.findById(Names.key(name), NameClaim.class)).map(NameClaim::kind);
    }

    /**
     * Claims the name for an existing holder if nobody holds it yet (start-up, for data
     * from before the claims existed); logs a clash, which it leaves as it is.
     */
    void backfill(String name, Kind kind) {
        if (!claimExisting(name, kind) && holder(name).filter(kind::equals).isEmpty()) {
            log.warn("The name '{}' of a {} is also held by another kind; left as it is", name, kind);
        }
    }
}
