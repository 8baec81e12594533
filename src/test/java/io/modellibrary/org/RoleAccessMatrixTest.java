package io.modellibrary.org;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The access matrix of docs/http-contract.md#roles: every kind of caller × every repository action × public and
 * private × a user's namespace and an organisation's. The expected outcome is the rule
 * itself, spelled out in {@link #expected}: a repository the caller may not see answers
 * like one that does not exist; signed in but short of the role is 403; a write without
 * a valid credential is 401; a read token writes nothing. The reads include the Hub's likes lists: a repository's
 * likers ({@code list_repo_likers}) and boss's likes ({@code list_liked_repos}), which boss gave every shared
 * read repository, so a repository the caller may not see is absent from that list.
 *
 * <p>{@code boss} owns the user namespace and is the organisation's admin; the tokens are
 * boss's. {@code reader} and {@code writer} are members of the organisation only,
 * {@code pending} asked to join it at registration. Every repository has one file and is
 * made by boss: the reads share four made once for the class (public and private, in each
 * namespace), which no case changes; a write (liking included) that the rule allows gets a fresh
 * one. A refused write must change nothing, so the refused writes share four more, and after the
 * class those are checked to be as they were made (same name, visibility, one commit, one file,
 * no like): a refusal that wrote anyway fails there. Sharing them saves two thirds of the
 * repositories the class made (their commits were most of its time).
 */
@FullStackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAccessMatrixTest {

    enum Subject { ANONYMOUS, NON_MEMBER, PENDING, READ, WRITE, ADMIN, READ_TOKEN, WRITE_TOKEN, REVOKED_TOKEN }

    enum Action {
        DETAIL(null), LIST(null), FILES(null), DOWNLOAD(null), HISTORY(null), LIKERS(null), LIKED_BY_BOSS(null), LIKE(null),
        UPLOAD(Level.WRITE), EDIT(Level.WRITE), DELETE_FILE(Level.WRITE),
        RENAME(Level.ADMIN), VISIBILITY(Level.ADMIN), DELETE(Level.ADMIN);

        final Level needs;

        Action(Level needs) {
            this.needs = needs;
        }

        boolean read() {
            return ordinal() <= LIKED_BY_BOSS.ordinal();
        }
    }

    enum Level { READ, WRITE, ADMIN }

    enum Outcome { OK, HIDDEN, FORBIDDEN, NO_LOGIN }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    private String org;
    private Accounts.SignedIn boss;
    private final java.util.Map<Subject, String> tokens = new java.util.EnumMap<>(Subject.class);
    /** The repositories the reading cases share, by "visibility namespace". */
    private final java.util.Map<String, String> readOnly = new java.util.HashMap<>();
    /** The repositories the refused writes share, by "visibility namespace". */
    private final java.util.Map<String, String> refusedWrites = new java.util.HashMap<>();

    @BeforeAll
    void callers() {
        org = Accounts.uniqueName("matrix");
        boss = accounts.signUp("boss");
        members.createOrg(boss, org);
        Accounts.SignedIn reader = accounts.signUp("reader");
        Accounts.SignedIn writer = accounts.signUp("writer");
        members.add(boss, org, reader, "read");
        members.add(boss, org, writer, "write");
        Members.Token revoked = members.token(boss, "write");
        members.revoke(boss, revoked);
        tokens.put(Subject.NON_MEMBER, accounts.signUp("outsider").token());
        tokens.put(Subject.PENDING, accounts.signUp("pending", org).token());
        tokens.put(Subject.READ, reader.token());
        tokens.put(Subject.WRITE, writer.token());
        tokens.put(Subject.ADMIN, boss.token());
        tokens.put(Subject.READ_TOKEN, members.token(boss, "read").token());
        tokens.put(Subject.WRITE_TOKEN, members.token(boss, "write").token());
        tokens.put(Subject.REVOKED_TOKEN, revoked.token());
        for (String visibility : List.of("public", "private")) {
            for (String namespace : List.of("user", "org")) {
                String read = repositoryWithOneFile(Accounts.uniqueName("read-" + visibility + "-" + namespace), visibility, namespace);
                readOnly.put(visibility + " " + namespace, read);
                // boss likes what the reads share: LIKED_BY_BOSS finds it in boss's likes list, LIKERS finds boss
                members.ok(post("/api/like").param("name", read).param("type", "model").with(boss.bearer()));
                refusedWrites.put(visibility + " " + namespace,
                        repositoryWithOneFile(Accounts.uniqueName("refused-" + visibility + "-" + namespace), visibility, namespace));
            }
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Subject subject : Subject.values()) {
            for (Action action : Action.values()) {
                for (boolean isPrivate : new boolean[]{false, true}) {
                    for (boolean inOrg : new boolean[]{false, true}) {
                        rows.add(Arguments.of(subject, action, isPrivate ? "private" : "public", inOrg ? "org" : "user",
                                expected(subject, action, isPrivate, inOrg)));
                    }
                }
            }
        }
        return rows.stream();
    }

    /** The rule of docs/http-contract.md#roles, independent of the server's code. */
    static Outcome expected(Subject subject, Action action, boolean isPrivate, boolean inOrg) {
        if (subject == Subject.REVOKED_TOKEN) {
            // refused outright (401), reads included, as the Hub does; a refused list lists nothing
            return action == Action.LIST ? Outcome.HIDDEN : Outcome.NO_LOGIN;
        }
        Level role = switch (subject) {
            case ADMIN, WRITE_TOKEN -> Level.ADMIN;
            case READ_TOKEN -> Level.READ;
            case READ -> inOrg ? Level.READ : null;
            case WRITE -> inOrg ? Level.WRITE : null;
            default -> null;
        };
        boolean signedIn = subject != Subject.ANONYMOUS && subject != Subject.REVOKED_TOKEN;
        boolean visible = !isPrivate || role != null;
        if (action.read()) {
            return visible ? Outcome.OK : Outcome.HIDDEN;
        }
        if (!signedIn) {
            return Outcome.NO_LOGIN;
        }
        if (subject == Subject.READ_TOKEN) {
            return Outcome.FORBIDDEN;
        }
        if (!visible) {
            return Outcome.HIDDEN;
        }
        boolean enough = action.needs == null || (role != null && role.compareTo(action.needs) >= 0);
        return enough ? Outcome.OK : Outcome.FORBIDDEN;
    }

    @ParameterizedTest(name = "{0} {1} {2} repository in {3} namespace -> {4}")
    @MethodSource("matrix")
    void accessMatrix(Subject subject, Action action, String visibility, String namespace, Outcome expected) throws Exception {
        boolean isPrivate = visibility.equals("private");
        String name = action.read() ? readOnly.get(visibility + " " + namespace)
                : expected != Outcome.OK ? refusedWrites.get(visibility + " " + namespace)
                : repositoryWithOneFile("m-" + SEQUENCE.incrementAndGet(), visibility, namespace);

        MockHttpServletRequestBuilder request = request(action, name, isPrivate);
        String token = tokens.get(subject);
        if (token != null) {
            request.with(Accounts.bearer(token));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        assertThat(outcome(action, name, response)).as(response.getStatus() + " " + response.getContentAsString())
                .isEqualTo(expected);
    }

    /** The repositories the refused writes shared, as they were made: nothing a refusal answered changed them. */
    @AfterAll
    void refusedWritesChangedNothing() throws Exception {
        for (var shared : refusedWrites.entrySet()) {
            String key = shared.getKey();
            String name = shared.getValue();
            String detail = members.ok(get("/api/model").param("name", name).with(boss.bearer()));
            assertThat(JsonPath.<Object>read(detail, "$.data.options.name")).as(key).isEqualTo(name);
            assertThat(JsonPath.<Object>read(detail, "$.data.isPrivate")).as(key).isEqualTo(key.startsWith("private"));
            assertThat(JsonPath.<Object>read(detail, "$.data.options.likes")).as(key).isEqualTo(0);
            String commits = members.ok(get("/api/commits").param("name", name).with(boss.bearer()));
            assertThat(JsonPath.<List<Object>>read(commits, "$.data.list")).as(key).hasSize(1);
            String files = members.ok(get("/api/filesTable").param("name", name).with(boss.bearer()));
            assertThat(JsonPath.<Object>read(files, "$.data.numTotalItems")).as(key).isEqualTo(1);
            MockHttpServletResponse readme = mvc.perform(get("/api/files/download").param("name", name)
                    .param("path", "README.md").with(boss.bearer())).andReturn().getResponse();
            assertThat(readme.getContentAsString()).as(key).isEqualTo("hello");
        }
    }

    /**
     * A new model of boss's, public or private, in boss's namespace or the organisation's, with
     * README.md. The LIST case finds it by {@code shortName}: no other repository's name may contain it.
     */
    private String repositoryWithOneFile(String shortName, String visibility, String namespace) {
        String name = ("org".equals(namespace) ? org : boss.username()) + "/" + shortName;
        members.ok(post("/api/model").with(boss.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"isPrivate\":" + visibility.equals("private") + "}"));
        members.ok(put("/api/files/text").with(boss.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"path\":\"README.md\",\"content\":\"hello\"}"));
        return name;
    }

    private static Outcome outcome(Action action, String name, MockHttpServletResponse response) throws Exception {
        String body = response.getContentAsString();
        if (action == Action.LIST || action == Action.LIKED_BY_BOSS && response.getStatus() == 200) {
            return body.contains("\"name\":\"" + name + "\"") ? Outcome.OK : Outcome.HIDDEN;
        }
        return switch (response.getStatus()) {
            case 200 -> body.contains("\"msg\":\"no such item\"") ? Outcome.HIDDEN
                    : action == Action.DOWNLOAD || body.contains("\"msg\":\"success\"") ? Outcome.OK
                    : action == Action.LIKERS && body.startsWith("[{\"user\":") ? Outcome.OK : null;
            case 404 -> Outcome.HIDDEN;
            case 403 -> Outcome.FORBIDDEN;
            case 401 -> Outcome.NO_LOGIN;
            default -> null;
        };
    }

    private MockHttpServletRequestBuilder request(Action action, String name, boolean isPrivate) {
        return switch (action) {
            case DETAIL -> get("/api/model").param("name", name);
            case LIST -> get("/api/modelList").param("name", name.substring(name.indexOf('/') + 1));
            case FILES -> get("/api/filesTable").param("name", name);
            case DOWNLOAD -> get("/api/files/download").param("name", name).param("path", "README.md");
            case HISTORY -> get("/api/commits").param("name", name);
            case LIKERS -> get("/api/models/" + name + "/likers");
            case LIKED_BY_BOSS -> get("/api/users/" + boss.username() + "/likes");
            case LIKE -> post("/api/like").param("name", name).param("type", "model");
            case UPLOAD -> post("/api/files?type=model&name=" + name)
                    .contentType("multipart/form-data; boundary=matrix")
                    .content("--matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.txt\"\r\n"
                            + "Content-Type: text/plain\r\n\r\nnew data\r\n--matrix--\r\n");
            case EDIT -> put("/api/files/text").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + name + "\",\"path\":\"notes.txt\",\"content\":\"edited\"}");
            case DELETE_FILE -> delete("/api/files").param("name", name).param("path", "README.md");
            case RENAME -> patch("/api/model").param("name", name).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"newName\":\"" + name + "-renamed\"}");
            case VISIBILITY -> patch("/api/model").param("name", name).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"isPrivate\":" + !isPrivate + "}");
            case DELETE -> delete("/api/model").param("name", name);
        };
    }
}
