package io.modellibrary.security;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.Envelope;
import org.springframework.http.HttpStatus;

/**
 * The signed-in caller, as the JWT filter puts it in the security context. Controllers
 * receive it with {@code @AuthenticationPrincipal CurrentUser user}; it is {@code null}
 * for an anonymous caller. What the caller may do with a repository is decided in one
 * place, {@code catalog.RepoPermissions}, from the caller's memberships and {@link #ceiling()}.
 *
 * @param id       the user's document id
 * @param username the user's name, which is also their namespace
 * @param token    the access token the request carried; null for a session JWT (or a test's caller)
 * @param session  the session of the session JWT the request carried; null for an access token (or a test's caller)
 */
public record CurrentUser(String id, String username, TokenGrant token, SignedInSession session) {

    /** A caller without a session JWT: an access token's ({@code token} set) or a test's. */
    public CurrentUser(String id, String username, TokenGrant token) {
        this(id, username, token, null);
    }

    /** The refusal of a write by a read-only access token on the Hub's routes (403): what the Hub's clients show. */
    public static final String READ_ONLY_ON_HUB = "this access token is read-only: use a write token";

    /** The refusal of an unknown or revoked access token, or one of a deleted account (401). */
    public static final String REVOKED_TOKEN = "invalid or revoked access token";

    /** The caller, signed in; 401 {@code no login} for an anonymous one (null). */
    public static CurrentUser require(CurrentUser user) {
        if (user == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, Envelope.NO_LOGIN);
        }
        return user;
    }

    /** True when the caller came with an access token rather than a session JWT. */
    public boolean viaAccessToken() {
        return token != null;
    }

    /**
     * The highest role this credential may use: a {@code read} token reads only; a session
     * and a {@code write} token act with the user's full rights, as the Hub's write tokens do.
     */
    public Role ceiling() {
        return token == null || token.role() != Role.READ ? Role.ADMIN : Role.READ;
    }

    /** False for a read-only access token. */
    public boolean mayWrite() {
        return ceiling().atLeast(Role.WRITE);
    }
}
