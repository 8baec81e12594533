package io.modellibrary.org;

import io.modellibrary.common.ApiException;
import io.modellibrary.security.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.http.HttpStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organisation (collection {@code orgs}): {@code _id} is its lower-case name, {@code name}
 * as created. Its active members and their roles live in this one document, keyed by
 * user id, so that "what is alice's role in acme" is one {@code _id} read, and every
 * change of members is one compare-and-set on {@code version} ({@link OrgStore#change}):
 * the rule that an organisation keeps at least one admin holds under races without
 * transactions. {@code memberIds} repeats the member ids for the index that finds a
 * user's organisations.
 *
 * @param convertedFromTeam true when made at start-up from the seed's {@code team} field
 */
@Document(Org.COLLECTION)
record Org(@Id String id, String name, Instant createdAt, long version, Map<String, Member> members,
           List<String> memberIds, boolean convertedFromTeam) {

    static final String COLLECTION = "orgs";

    /** An active member. */
    record Member(String username, String role, Instant since) {
        Role parsedRole() {
            return Role.parse("role", role);
        }
    }

    static Org create(String name, Map<String, Member> members, boolean converted, Instant now) {
        return new Org(OrgNames.key(name), name, now, 0, members, List.copyOf(members.keySet()), converted);
    }

    Optional<Role> roleOf(String userId) {
        Member member = members.get(userId);
        return member == null ? Optional.empty() : Optional.of(member.parsedRole());
    }

    long admins() {
        return members.values().stream().filter(m -> m.parsedRole() == Role.ADMIN).count();
    }

    /** This organisation with the user added or their role changed; the last admin cannot be demoted (409). */
    Org withMember(String userId, String username, Role role, Instant now) {
        Member old = members.get(userId);
        if (old != null && old.parsedRole() == Role.ADMIN && role != Role.ADMIN && admins() == 1) {
            throw new ApiException(HttpStatus.CONFLICT, "the last admin of " + name + " cannot be demoted; make another member admin first");
        }
        Map<String, Member> next = new LinkedHashMap<>(members);
        next.put(userId, new Member(username, role.id(), old == null ? now : old.since()));
        return new Org(id, name, createdAt, version, next, new ArrayList<>(next.keySet()), convertedFromTeam);
    }

    /** This organisation without the user; the last admin cannot leave (409). */
    Org withoutMember(String userId) {
        Member old = members.get(userId);
        if (old != null && old.parsedRole() == Role.ADMIN && admins() == 1) {
            throw new ApiException(HttpStatus.CONFLICT, "the last admin of " + name + " cannot leave; make another member admin first");
        }
        Map<String, Member> next = new LinkedHashMap<>(members);
        next.remove(userId);
        return new Org(id, name, createdAt, version, next, new ArrayList<>(next.keySet()), convertedFromTeam);
    }
}
