package io.modellibrary.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An access token as stored (collection {@code accessTokens}): {@code _id} is the SHA-256
 * of the token, so the JWT filter finds it with one {@code _id} read; the token itself is
 * never stored. {@code publicId} names it in {@code GET/DELETE /api/tokens}.
 */
@Document(AccessToken.COLLECTION)
record AccessToken(@Id String hash, String publicId, String userId, String name, String role,
                   Instant createdAt, Instant lastUsedAt) {

    static final String COLLECTION = "accessTokens";
}
