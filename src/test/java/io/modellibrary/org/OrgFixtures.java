package io.modellibrary.org;

import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.Role;
import io.modellibrary.support.Users;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Organisations written straight into the store, for tests about what members may do
 * rather than about how they join (those go through the endpoints, see OrgMembershipTest).
 */
@Component
public class OrgFixtures {

    private final MongoTemplate mongo;
    private final OrgStore store;

    OrgFixtures(MongoTemplate mongo, OrgStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** The organisation {@code acme}: {@link Users#alice()} its admin, {@link Users#carol()} a writer. */
    public void acme() {
        organisation("acme", Map.of(Users.alice(), Role.ADMIN, Users.carol(), Role.WRITE));
    }

    /** Replaces the organisation of this name with one holding exactly these members. */
    public void organisation(String name, Map<CurrentUser, Role> members) {
        Map<String, Org.Member> stored = new LinkedHashMap<>();
        members.forEach((user, role) -> stored.put(user.id(), new Org.Member(user.username(), role.id(), Instant.now())));
        mongo.remove(Query.query(Criteria.where("_id").is(OrgNames.key(name))), Org.class);
        store.insert(Org.create(name, stored, false, Instant.now()));
    }
}
