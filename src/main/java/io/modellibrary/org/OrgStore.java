package io.modellibrary.org;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.security.Memberships;
import io.modellibrary.security.Role;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Organisations and their requests in MongoDB, and the membership answers the permission
 * check reads ({@link Memberships}).
 *
 * <p>{@link #roleIn} is one {@code _id} read, uncached: a removed member or a changed role
 * applies at once, on every server. {@link #rolesOf} (all of a user's organisations, for
 * the catalogue lists) is an indexed query kept {@value #ROLES_CACHE_MILLIS} ms per user and
 * emptied on every change made through this server, so a change applies at once here and
 * within that time on other servers sharing the database.
 */
@Component
class OrgStore implements Memberships {

    static final long ROLES_CACHE_MILLIS = 1000;
    private static final int CAS_ATTEMPTS = 50;

    private final MongoTemplate mongo;
    private final Cache<String, Map<String, Role>> roles = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMillis(ROLES_CACHE_MILLIS))
            .build();

    OrgStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Role> roleIn(String namespace, String userId) {
        return find(namespace).flatMap(org -> org.roleOf(userId));
    }

    @Override
    public Map<String, Role> rolesOf(String userId) {
        return roles.get(userId, id -> {
            Map<String, Role> result = new LinkedHashMap<>();
            ofMember(id).forEach(org -> org.roleOf(id).ifPresent(role -> result.put(org.id(), role)));
            return Map.copyOf(result);
        });
    }

    Optional<Org> find(String name) {
        return Optional.ofNullable(mongo.findById(OrgNames.key(name), Org.class));
    }

    /** The organisation; 404 {@code no such organisation} otherwise. */
    Org get(String name) {
        return find(name).orElseThrow(() -> new NoSuchItemException("no such organisation"));
    }

    List<Org> ofMember(String userId) {
        return mongo.find(Query.query(Criteria.where("memberIds").is(userId)), Org.class);
    }

    Org insert(Org org) {
        Org stored = mongo.insert(org);
        roles.invalidateAll();
        return stored;
    }

    /**
     * Applies a change to the organisation's members as one compare-and-set on its
     * {@code version}, retried when another change came first, so that rules the change
     * checks against the document it read (the last admin stays) hold under races.
     */
    Org change(String name, UnaryOperator<Org> change) {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Org current = get(name);
            Org next = change.apply(current);
            Query sameVersion = Query.query(Criteria.where("_id").is(current.id()).and("version").is(current.version()));
            Update update = new Update().set("members", next.members()).set("memberIds", next.memberIds()).inc("version", 1);
            if (mongo.updateFirst(sameVersion, update, Org.class).getModifiedCount() == 1) {
                roles.invalidateAll();
                return next;
            }
        }
        throw new ApiException(HttpStatus.CONFLICT, "the members of " + name + " are changing; try again");
    }

    void delete(Org org) {
        mongo.remove(Query.query(Criteria.where("_id").is(org.id())), Org.class);
        mongo.remove(Query.query(Criteria.where("orgKey").is(org.id())), OrgRequest.class);
        roles.invalidateAll();
    }

    /** Files or replaces the user's request or invitation. */
    void putRequest(OrgRequest request) {
        mongo.save(request);
    }

    /** Removes and answers the pending request or invitation of this kind, atomically (one caller gets it). */
    Optional<OrgRequest> takeRequest(String orgKey, String userId, String kind) {
        Query query = Query.query(Criteria.where("_id").is(OrgRequest.idOf(orgKey, userId)).and("kind").is(kind));
        return Optional.ofNullable(mongo.findAndRemove(query, OrgRequest.class));
    }

    Optional<OrgRequest> findRequest(String orgKey, String userId) {
        return Optional.ofNullable(mongo.findById(OrgRequest.idOf(orgKey, userId), OrgRequest.class));
    }

    List<OrgRequest> requestsOf(String orgKey) {
        return mongo.find(Query.query(Criteria.where("orgKey").is(orgKey)), OrgRequest.class);
    }

    List<OrgRequest> requestsFor(String userId) {
        return mongo.find(Query.query(Criteria.where("userId").is(userId)), OrgRequest.class);
    }

    void removeRequestsFor(String userId) {
        mongo.remove(Query.query(Criteria.where("userId").is(userId)), OrgRequest.class);
    }
}
