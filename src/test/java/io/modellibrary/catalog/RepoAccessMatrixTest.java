package io.modellibrary.catalog;

import io.modellibrary.security.CurrentUser;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.modellibrary.support.Users.alice;
import static io.modellibrary.support.Users.as;
import static io.modellibrary.support.Users.bob;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Owner, other user and anonymous caller × public and private repository × every
 * endpoint that takes a name. A private repository someone may not see answers exactly
 * like a missing one.
 */
@EmptyCatalogueTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepoAccessMatrixTest {

    private static final String OPEN = "alice/open";
    private static final String HIDDEN = "alice/hidden";
    private static final String NEVER_EXISTED = "alice/never-existed";

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    private static final AtomicInteger COPIES = new AtomicInteger();
    private final Map<String, String> readOnly = new HashMap<>();

    /** alice's public and private repositories, made once for the cases that only read them. */
    @BeforeAll
    void repositories() {
        for (String repo : List.of(OPEN, HIDDEN)) {
            readOnly.put(repo, copyOf(repo));
        }
    }

    /** A new repository of alice's like {@code repo} (public or private), under a name of its own. */
    private String copyOf(String repo) {
        String name = repo + "-" + COPIES.incrementAndGet();
        Fixtures.RepoBuilder model = fixtures.model(name).owner("alice");
        if (repo.equals(HIDDEN)) {
            model.privateRepo();
        }
        model.save();
        return name;
    }

    enum Caller { OWNER, OTHER, ANONYMOUS }

    /** What the caller should see: status, code, msg. */
    record Outcome(int status, int code, String msg) {
        static final Outcome OK = new Outcome(200, 0, "success");
        static final Outcome SEED_MISSING = new Outcome(200, 0, "no such item");
        static final Outcome MISSING = new Outcome(404, 0, "no such item");
        static final Outcome FORBIDDEN = new Outcome(403, 0, null);
        static final Outcome NO_LOGIN = new Outcome(401, 0, "no login");
    }

    /** An endpoint; {@code writes} when it may change the repository (then each case gets its own). */
    record Endpoint(String label, boolean writes, Function<String, MockHttpServletRequestBuilder> request) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        Endpoint detail = new Endpoint("GET detail", false, n -> get("/api/model").param("name", n));
        Endpoint patchRepo = new Endpoint("PATCH", true, n -> patch("/api/model").param("name", n)
                .contentType(MediaType.APPLICATION_JSON).content("{\"description\":\"changed\"}"));
        Endpoint rename = new Endpoint("PATCH rename", true, n -> patch("/api/model").param("name", n)
                .contentType(MediaType.APPLICATION_JSON).content("{\"newName\":\"bob/taken-over\"}"));
        Endpoint deleteRepo = new Endpoint("DELETE", true, n -> delete("/api/model").param("name", n));
        Endpoint like = new Endpoint("POST like", true, n -> post("/api/like").param("name", n).param("type", "model"));
        Endpoint unlike = new Endpoint("DELETE like", true, n -> delete("/api/like").param("name", n).param("type", "model"));
        for (String repo : List.of(OPEN, HIDDEN)) {
            boolean hidden = repo.endsWith("hidden");
            rows.add(Arguments.of(Caller.OWNER, repo, detail, Outcome.OK));
            rows.add(Arguments.of(Caller.OTHER, repo, detail, hidden ? Outcome.SEED_MISSING : Outcome.OK));
            rows.add(Arguments.of(Caller.ANONYMOUS, repo, detail, hidden ? Outcome.SEED_MISSING : Outcome.OK));
            rows.add(Arguments.of(Caller.OWNER, repo, patchRepo, Outcome.OK));
            rows.add(Arguments.of(Caller.OTHER, repo, patchRepo, hidden ? Outcome.MISSING : Outcome.FORBIDDEN));
            rows.add(Arguments.of(Caller.ANONYMOUS, repo, patchRepo, Outcome.NO_LOGIN));
            rows.add(Arguments.of(Caller.OTHER, repo, rename, hidden ? Outcome.MISSING : Outcome.FORBIDDEN));
            rows.add(Arguments.of(Caller.OWNER, repo, like, Outcome.OK));
            rows.add(Arguments.of(Caller.OTHER, repo, like, hidden ? Outcome.MISSING : Outcome.OK));
            rows.add(Arguments.of(Caller.ANONYMOUS, repo, like, Outcome.NO_LOGIN));
            rows.add(Arguments.of(Caller.OTHER, repo, unlike, hidden ? Outcome.MISSING : Outcome.OK));
            rows.add(Arguments.of(Caller.OTHER, repo, deleteRepo, hidden ? Outcome.MISSING : Outcome.FORBIDDEN));
            rows.add(Arguments.of(Caller.ANONYMOUS, repo, deleteRepo, Outcome.NO_LOGIN));
            rows.add(Arguments.of(Caller.OWNER, repo, deleteRepo, Outcome.OK));
        }
        for (Endpoint endpoint : List.of(detail, patchRepo, deleteRepo, like)) {
            rows.add(Arguments.of(Caller.OWNER, NEVER_EXISTED, endpoint,
                    endpoint == detail ? Outcome.SEED_MISSING : Outcome.MISSING));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {2} {1} -> {3}")
    @MethodSource("matrix")
    void accessMatrix(Caller caller, String repo, Endpoint endpoint, Outcome expected) throws Exception {
        String name = repo.equals(NEVER_EXISTED) ? repo : endpoint.writes() ? copyOf(repo) : readOnly.get(repo);
        MockHttpServletRequestBuilder request = endpoint.request().apply(name);
        CurrentUser user = switch (caller) {
            case OWNER -> alice();
            case OTHER -> bob();
            case ANONYMOUS -> null;
        };
        if (user != null) {
            request.with(as(user));
        }
        var result = mvc.perform(request)
                .andExpect(status().is(expected.status()))
                .andExpect(jsonPath("$.code").value(expected.code()));
        if (expected.msg() != null) {
            result.andExpect(jsonPath("$.msg").value(expected.msg()));
        }
    }
}
