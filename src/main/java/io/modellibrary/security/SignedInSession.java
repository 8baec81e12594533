package io.modellibrary.security;

import java.time.Instant;

/**
 * The session a request's JWT belongs to, the same for every token renewed from its sign-in
 * ({@link JwtService}): what signing out records as ended.
 *
 * @param id         the token's {@code sid} claim (22 base64url characters), or {@code @<sign-in epoch ms>}
 *                   for a session signed in before that claim existed
 * @param signedInAt when the session signed in (millisecond precision)
 */
public record SignedInSession(String id, Instant signedInAt) {
}
