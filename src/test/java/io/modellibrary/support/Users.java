package io.modellibrary.support;

import io.modellibrary.security.CurrentUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Named callers for tests that are about what a user may do, not about how they sign in. */
public final class Users {

    private Users() {
    }

    /** The admin of the organisation {@code acme} once a test calls {@code OrgFixtures.acme()}. */
    public static CurrentUser alice() {
        return new CurrentUser("a11ce0000000000000000001", "alice", null);
    }

    public static CurrentUser bob() {
        return new CurrentUser("b0b000000000000000000002", "bob", null);
    }

    /** A writer in alice's organisation {@code acme} once a test calls {@code OrgFixtures.acme()}. */
    public static CurrentUser carol() {
        return new CurrentUser("ca201000000000000000003", "carol", null);
    }

    public static RequestPostProcessor as(CurrentUser user) {
        return authentication(new UsernamePasswordAuthenticationToken(user, null, List.of()));
    }
}
