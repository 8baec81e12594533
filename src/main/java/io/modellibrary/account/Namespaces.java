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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
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
 *
 * <p><b>Closing a name.</b> Deleting its holder (an organisation, or a user's account) frees a name
 * only after the namespace holds no repository. Without transactions, that check and a repository
 * written into the namespace meanwhile would race (a repository left in a freed namespace goes to the
 * name's next holder, private ones included). So the deleter first {@link #close closes} the name:
 * one atomic update puts a mark ({@code closing}: a token and an expiry time) on the claim; only then
 * does it count (or delete) the namespace's repositories, and it frees the name only after that.
 * Every write of a repository into a namespace (creation, a rename or move into it) reads the
 * namespace's {@link #standing} before its permission check and again after its write, and takes the
 * write back when the two differ ({@code catalog/RepoService}). Either the repository was written
 * before the mark, so the deleter's count after the mark sees it (409, or it is deleted with the
 * account), or the creator's second read comes after the mark and sees it (or sees the name freed or
 * claimed anew), and the write is taken back. A mark holds {@link #CLOSING_HOLD}: long enough for a
 * deletion's few writes between mark and release, short enough that a mark left by a crashed deleter
 * blocks creating in its namespace for one minute at most; a mark past its time counts as no mark.
 */
@Component
public class Namespaces implements NamespaceClaims {

    private static final Logger log = LoggerFactory.getLogger(Namespaces.class);

    /**
     * How long a {@link #close} mark holds (60 s): a deletion marks, counts or deletes, and releases within
     * well under a second, and re-arms its mark ({@link #affirm}) before the last of those steps when it
     * did longer work in between (an account's own repositories); a mark its deleter left behind by
     * crashing stops counting after this time, so the namespace is writable again a minute later.
     */
    public static final Duration CLOSING_HOLD = Duration.ofSeconds(60);

    private final MongoTemplate mongo;
    private final Clock clock;

    Namespaces(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Who holds a name. */
    public enum Kind { USER, ORG }

    /**
     * A claimed name: {@code _id} is its lower-case key. {@code claimId} is new with every
     * claim, so a name freed and claimed again by someone else is told apart from its first
     * holder; {@code null} for claims of holders that existed before claims had one. {@code closing}
     * is the mark of a deletion under way ({@link #close}), absent otherwise.
     */
    @Document("names")
    record NameClaim(@Id String id, String name, Kind kind, Instant createdAt, String claimId, Mark closing) {
    }

    /** A deletion's mark on a claim: its token and the time after which it no longer counts. */
    record Mark(String token, Instant until) {
    }

    /** The handle of one deletion's mark on a name, for {@link #affirm}, {@link #reopen}. */
    public record Closing(String name, Kind kind, String token) {
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
            mongo.insert(new NameClaim(Names.key(name), name, kind, Instant.now(), claimId, null));
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

    /**
     * {@inheritDoc} A claim carrying a deletion's mark that still holds ({@link #close}) is
     * {@link NamespaceClaims#CLOSING}; one past its time counts as no mark.
     */
    @Override
    public String standing(String namespace) {
        NameClaim claim = mongo.findById(Names.key(namespace), NameClaim.class);
        if (claim == null) {
            return NamespaceClaims.FREE;
        }
        if (claim.closing() != null && claim.closing().until().isAfter(clock.instant())) {
            return NamespaceClaims.CLOSING;
        }
        return claim.claimId() == null ? NamespaceClaims.EARLIER : claim.claimId();
    }

    /**
     * Marks the name, held by this kind, as closing for its holder's deletion (one atomic update of its
     * claim, see above): from now on, for {@link #CLOSING_HOLD} or until {@link #reopen}, a repository
     * written into the namespace is taken back. Call it before counting the namespace's repositories.
     *
     * @return the mark's handle; empty when nobody of this kind holds the name, or another deletion's
     *         mark on it still holds (the caller answers 404 or 409 as {@link #holder} tells)
     */
    public Optional<Closing> close(String name, Kind kind) {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        Query open = Query.query(Criteria.where("_id").is(Names.key(name)).and("kind").is(kind)
                .orOperator(Criteria.where("closing").is(null), Criteria.where("closing.until").lte(now)));
        boolean marked = mongo.updateFirst(open, mark(token, now), NameClaim.class).getModifiedCount() == 1;
        return marked ? Optional.of(new Closing(name, kind, token)) : Optional.empty();
    }

    /**
     * Re-arms this deletion's mark for another {@link #CLOSING_HOLD} (also when its time had passed, as
     * long as nobody replaced it): a deletion that did longer work since {@link #close} calls it, then
     * counts or deletes the namespace's repositories again, before it frees the name.
     *
     * @return false when the mark is gone (the name was freed, or another deletion marked it after this
     *         mark's time had passed)
     */
    public boolean affirm(Closing closing) {
        return mongo.updateFirst(marked(closing), mark(closing.token(), clock.instant()), NameClaim.class)
                .getModifiedCount() == 1;
    }

    /** Takes this deletion's mark away (the deletion was refused): the namespace is writable again at once. */
    public void reopen(Closing closing) {
        mongo.updateFirst(marked(closing), new Update().unset("closing"), NameClaim.class);
    }

    private Update mark(String token, Instant now) {
        return Update.update("closing", new Mark(token, now.plus(CLOSING_HOLD)));
    }

    private static Query marked(Closing closing) {
        return Query.query(Criteria.where("_id").is(Names.key(closing.name())).and("kind").is(closing.kind())
                .and("closing.token").is(closing.token()));
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
