package io.modellibrary.security;

import java.time.Instant;

/**
 * The access token a request was signed in with (absent for a session JWT).
 *
 * @param id        the token's public id, as listed by {@code GET /api/tokens}
 * @param name      the name its user gave it
 * @param role      {@link Role#READ} or {@link Role#WRITE}
 * @param createdAt when it was created
 */
public record TokenGrant(String id, String name, Role role, Instant createdAt) {
}
