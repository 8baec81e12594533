package io.modellibrary.support;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.concurrent.atomic.AtomicInteger;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Real users for full-stack tests, made through the public endpoints: register, log in,
 * and act as the user with {@link #bearer(String)}. Test classes share one database per
 * context, so {@link #signUp(String)} picks a name no other test has used.
 *
 * <pre>
 * SignedIn alice = accounts.signUp("alice");
 * mvc.perform(post("/api/model").with(alice.bearer())...)
 * </pre>
 */
@TestComponent // not picked up by component scanning: only MockMvc contexts import it (see FullStackTest)
public class Accounts {

    /** The password of every user made here. */
    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final MockMvc mvc;

    public Accounts(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** A signed-in user. */
    public record SignedIn(String username, String team, String token) {
        public RequestPostProcessor bearer() {
            return Accounts.bearer(token);
        }
    }

    /** Registers a user named {@code prefix-<n>}, unique in this JVM, without a team. */
    public SignedIn signUp(String prefix) {
        return signUp(prefix, null);
    }

    /** Registers a user named {@code prefix-<n>}, unique in this JVM, in the given team (null for none). */
    public SignedIn signUp(String prefix, String team) {
        String username = uniqueName(prefix);
        return new SignedIn(username, team, register(username, team));
    }

    /** Registers the user with {@link #PASSWORD} and no avatar; the token from the response header. */
    public String register(String username, String team) {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/register/submitUserInfo");
        request.param("username", username).param("password", PASSWORD);
        if (team != null) {
            request.param("team", team);
        }
        return tokenOf(request, "registration completed");
    }

    /** Registers the user with an avatar (its bytes and content type as uploaded). */
    public String register(String username, String team, byte[] avatar) {
        MockMultipartHttpServletRequestBuilder request = multipart("/api/register/submitUserInfo");
        request.file(new MockMultipartFile("avatar", "avatar.png", MediaType.IMAGE_PNG_VALUE, avatar));
        request.param("username", username).param("password", PASSWORD).param("team", team == null ? "" : team);
        return tokenOf(request, "registration completed");
    }

    /** Logs in with {@link #PASSWORD}; the token from the response header. */
    public String login(String username) {
        return tokenOf(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"), "success");
    }

    /** {@code Authorization: Bearer <token>}. */
    public static RequestPostProcessor bearer(String token) {
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        };
    }

    /** {@code prefix-<n>}, a valid user name no other call in this JVM returns. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(Math.floorMod(System.nanoTime(), 1_000_000L), 36);
    }

    private String tokenOf(org.springframework.test.web.servlet.RequestBuilder request, String expectedMsg) {
        try {
            MvcResult result = mvc.perform(request).andReturn();
            String body = result.getResponse().getContentAsString();
            String token = result.getResponse().getHeader(HttpHeaders.AUTHORIZATION);
            if (!body.contains("\"code\":1") || !body.contains(expectedMsg) || token == null) {
                throw new IllegalStateException("expected '" + expectedMsg + "' with a token, got "
                        + result.getResponse().getStatus() + " " + body);
            }
            return token;
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
