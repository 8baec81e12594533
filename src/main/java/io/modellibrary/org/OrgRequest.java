package io.modellibrary.org;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A pending join request (the user asked) or invitation (an admin asked), collection
 * {@code orgRequests}, {@code _id} = {@code <orgKey>:<userId>}: at most one per user and
 * organisation, a new one replacing the old. It grants nothing; accepting removes it
 * (atomically, so it is used once) and adds the member.
 *
 * @param kind {@link #REQUEST} or {@link #INVITATION}
 * @param role the role an invitation offers; null for a request
 */
@Document(OrgRequest.COLLECTION)
record OrgRequest(@Id String id, String orgKey, String org, String userId, String username, String kind,
                  String role, Instant createdAt) {

    static final String COLLECTION = "orgRequests";
    static final String REQUEST = "request";
    static final String INVITATION = "invitation";

    static String idOf(String orgKey, String userId) {
        return orgKey + ":" + userId;
    }
}
