package io.modellibrary.support;

import com.jayway.jsonpath.JsonPath;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Organisations, memberships and access tokens for full-stack tests, made through the
 * public endpoints as their users would:
 *
 * <pre>
 * members.createOrg(alice, org);
 * members.add(alice, org, bob, "read");           // invitation, accepted by bob
 * String token = members.token(alice, "write").token();
 * </pre>
 */
@TestComponent
public class Members {

    private final MockMvc mvc;

    public Members(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** An access token as created: its public id and the token itself. */
    public record Token(String id, String token) {
    }

    public void createOrg(Accounts.SignedIn admin, String name) {
        ok(post("/api/orgs").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}"));
    }

    /** An organisation named {@code prefix-<n>} with its admin and a member of the role, all new. */
    public record Team(String org, Accounts.SignedIn admin, Accounts.SignedIn member) {
    }

    /** Makes a {@link Team}: new users {@code prefix}admin and {@code prefix}member (through {@code accounts}). */
    public Team team(Accounts accounts, String prefix, String role) {
        String org = Accounts.uniqueName(prefix);
        Accounts.SignedIn admin = accounts.signUp(prefix + "admin");
        Accounts.SignedIn member = accounts.signUp(prefix + "member");
        createOrg(admin, org);
        add(admin, org, member, role);
        return new Team(org, admin, member);
    }

    /** Performs the request and answers its HTTP status. */
    public int status(RequestBuilder request) {
        try {
            return mvc.perform(request).andReturn().getResponse().getStatus();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /**
     * Performs the request on another thread, as another client would at the same time, waits for it
     * (30 s at most) and answers its HTTP status: for a test that runs it inside a seam of a request.
     */
    public int statusFromAnotherThread(RequestBuilder request) {
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> status(request))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The admin invites the user with the role and the user accepts. */
    public void add(Accounts.SignedIn admin, String org, Accounts.SignedIn user, String role) {
        ok(post("/api/orgs/" + org + "/invitations").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + user.username() + "\",\"role\":\"" + role + "\"}"));
        ok(post("/api/orgs/" + org + "/invitations/accept").with(user.bearer()));
    }

    public Token token(Accounts.SignedIn user, String role) {
        String body = ok(post("/api/tokens").with(user.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"test " + role + "\",\"role\":\"" + role + "\"}"));
        return new Token(JsonPath.read(body, "$.data.id"), JsonPath.read(body, "$.data.token"));
    }

    public void revoke(Accounts.SignedIn user, Token token) {
        ok(delete("/api/tokens/" + token.id()).with(user.bearer()));
    }

    /** {@code POST /api/model} as the caller (a session or an access token); the answer to check. */
    public ResultActions createModel(RequestPostProcessor caller, String name, boolean isPrivate) {
        try {
            return mvc.perform(post("/api/model").with(caller).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + name + "\",\"isPrivate\":" + isPrivate + "}"));
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Performs the request and answers its body; fails unless it answered 200 {@code success}. */
    public String ok(RequestBuilder request) {
        try {
            MvcResult result = mvc.perform(request).andReturn();
            String body = result.getResponse().getContentAsString();
            if (result.getResponse().getStatus() != 200 || !body.contains("\"msg\":\"success\"")) {
                throw new IllegalStateException("expected success, got " + result.getResponse().getStatus() + " " + body);
            }
            return body;
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
