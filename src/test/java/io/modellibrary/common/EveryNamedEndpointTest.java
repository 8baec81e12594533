package io.modellibrary.common;

import io.modellibrary.security.CurrentUser;
import io.modellibrary.support.ApiOperations;
import io.modellibrary.support.ApiOperations.Operation;
import io.modellibrary.support.EmptyCatalogueTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.modellibrary.support.Users.alice;
import static io.modellibrary.support.Users.as;
import static io.modellibrary.support.Users.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * The rules of docs/http-contract.md#names, per kind, over every operation of the OpenAPI document that takes a
 * repository name or a file path (so an endpoint added later is covered by default):
 * names compared without case, old names of renamed repositories, private repositories
 * answering exactly like absent ones, paths in NFC, bidirectional controls refused, and
 * query parameters also taken from a JSON body. Each case of a writing operation gets a fresh
 * repository; the reading ones (GET, HEAD), which change none, share one per type and visibility
 * within a test (making the repositories was most of the class's time).
 */
@EmptyCatalogueTest
class EveryNamedEndpointTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String NFC_FOLDER = Normalizer.normalize("dossier-\u00e9", Normalizer.Form.NFC);
    private static final String NFC_FILE = NFC_FOLDER + "/caf\u00e9.txt";
    private static final String NFD_FILE = Normalizer.normalize(NFC_FILE, Normalizer.Form.NFD);

    @Autowired
    MockMvc mvc;

    List<Operation> operations;
    /** The repositories the reading operations share, by "type visibility". */
    private final Map<String, Fixture> forReads = new java.util.HashMap<>();

    @BeforeEach
    void readTheDocument() throws Exception {
        JsonNode doc = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        operations = ApiOperations.of(doc);
    }

    /** A public repository {@code alice/Mixed-Case-<n>}, renamed from {@code alice/old-<n>}, holding README.md and an NFD-written file, tagged {@code v1}. */
    private record Fixture(String name, String oldName, String commit) {
    }

    private Fixture fixture(Operation op, boolean isPrivate) throws Exception {
        String type = type(op);
        int n = SEQUENCE.incrementAndGet();
        String oldName = "alice/old-" + n;
        String name = "alice/Mixed-Case-" + n;
        mvc.perform(post("/api/" + type).with(as(alice())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + oldName + "\",\"isPrivate\":" + isPrivate + "}"));
        writeText(type, oldName, "README.md");
        writeText(type, oldName, NFD_FILE);
        mvc.perform(patch("/api/" + type).param("name", oldName).with(as(alice())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"newName\":\"" + name + "\"}"));
        JsonNode commits = JSON.readTree(mvc.perform(get("/api/commits").param("name", name).param("type", type).with(as(alice())))
                .andReturn().getResponse().getContentAsString());
        mvc.perform(post("/api/refs").with(as(alice())).contentType(MediaType.APPLICATION_JSON).content(JSON.createObjectNode()
                .put("name", name).put("type", type).put("ref", "tag").put("refName", "v1").put("revision", "main").toString()));
        return new Fixture(name, oldName, commits.at("/data/list/0/id").asString());
    }

    /** A fresh {@link #fixture} for a writing operation; for a reading one, the one this test's reads of its type and visibility share. */
    private Fixture fixtureFor(Operation op, boolean isPrivate) throws Exception {
        if (!op.method().equals("get") && !op.method().equals("head")) {
            return fixture(op, isPrivate);
        }
        String key = type(op) + " " + isPrivate;
        Fixture shared = forReads.get(key);
        if (shared == null) {
            shared = fixture(op, isPrivate);
            forReads.put(key, shared);
        }
        return shared;
    }

    /** The type an operation's path implies ({@code /api/dataset}); model otherwise. */
    private static String type(Operation op) {
        return op.path().contains("dataset") ? "dataset" : "model";
    }

    private void writeText(String type, String repo, String path) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", repo).put("type", type).put("path", path).put("content", "hello");
        assertThat(mvc.perform(put("/api/files/text").with(as(alice())).contentType(MediaType.APPLICATION_JSON)
                .content(body.toString())).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    /** Operations that find a repository by name (not creates, not the list's name fragment). */
    private List<Operation> byName() {
        return operations.stream()
                .filter(op -> op.query().getOrDefault("name", "").contains("repository name")
                        || (op.bodyFields().contains("name") && op.bodyFields().contains("path"))
                        || (op.bodyFields().contains("name") && op.bodyFields().contains("commit"))
                        || op.query().containsKey("filepath"))
                .toList();
    }

    private List<Operation> byPath() {
        return operations.stream().filter(op -> op.takes("path") || op.takes("filepath")).toList();
    }

    @Test
    void everyNamedOperationIsCovered() {
        assertThat(byName()).extracting(Operation::toString).contains("GET /api/model", "GET /api/dataset",
                "PATCH /api/model", "DELETE /api/model", "POST /api/like", "DELETE /api/like", "GET /api/filesTable",
                "GET /api/files/download", "HEAD /api/files/download", "GET /api/getBlob", "GET /api/commits",
                "GET /api/commits/diff", "POST /api/commits/restore", "GET /api/refs", "DELETE /api/refs",
                "GET /api/getPrevAndNewFile", "POST /api/files", "PUT /api/files/text",
                "DELETE /api/files");
        assertThat(byPath()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void namesInAnyCaseAndOldNamesLeadToTheRepository() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Operation op : byName()) {
            for (boolean useOldName : new boolean[]{false, true}) {
                Fixture f = fixtureFor(op, false);
                String asked = useOldName ? f.oldName().toUpperCase() : f.name().toLowerCase();
                MockHttpServletResponse r = call(op, values(op, asked, f, "README.md"), alice(), false);
                if (r.getStatus() >= 300 || r.getContentAsString().contains(Envelope.NO_SUCH_ITEM)) {
                    problems.add(op + " name=" + asked + " → " + r.getStatus() + " " + r.getContentAsString());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aPrivateRepositoryAnswersExactlyLikeAnAbsentOne() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Operation op : byName()) {
            for (CurrentUser caller : new CurrentUser[]{bob(), null}) {
                Fixture f = fixtureFor(op, true);
                String absent = "alice/absent-" + SEQUENCE.incrementAndGet();
                String hidden = answer(call(op, values(op, f.name(), f, "README.md"), caller, false)).replace(f.name(), "N");
                String none = answer(call(op, values(op, absent, f, "README.md"), caller, false)).replace(absent, "N");
                if (!hidden.equals(none)) {
                    problems.add(op + " as " + (caller == null ? "anonymous" : caller.username()) + ": " + hidden + " ≠ " + none);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void pathsAreTheSameInAnyNormalisationForm() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Operation op : byPath()) {
            Fixture f = fixtureFor(op, false);
            MockHttpServletResponse r = call(op, values(op, f.name(), f, NFC_FILE), alice(), false);
            if (r.getStatus() >= 300 || r.getContentAsString().contains("no such")) {
                problems.add(op + " → " + r.getStatus() + " " + r.getContentAsString());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void bidirectionalControlsInAPathAreRefusedNamingThePart() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Operation op : byPath()) {
            Fixture f = fixtureFor(op, false);
            MockHttpServletResponse r = call(op, values(op, f.name(), f, "photo\u202Egpj/x.exe"), alice(), false);
            boolean named = op.method().equals("head") || r.getContentAsString().contains("path part");
            if (r.getStatus() != 400 || !named) {
                problems.add(op + " → " + r.getStatus() + " " + r.getContentAsString());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void queryParametersAreAlsoTakenFromAJsonBody() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Operation op : operations) {
            if (op.query().isEmpty() || op.bodyType() != null || op.method().equals("head") || op.hub()) {
                continue; // the seed's rule; the Hub's routes take their parameters as the Hub does
            }
            Fixture inQuery = fixtureFor(op, false);
            Fixture inBody = fixtureFor(op, false);
            MockHttpServletResponse q = call(op, values(op, inQuery.name(), inQuery, "README.md"), alice(), false);
            MockHttpServletResponse b = call(op, values(op, inBody.name(), inBody, "README.md"), alice(), true);
            String msgQ = msg(q);
            String msgB = msg(b);
            if (q.getStatus() != b.getStatus() || !msgQ.equals(msgB)) {
                problems.add(op + ": query " + q.getStatus() + " " + msgQ + " but body " + b.getStatus() + " " + msgB);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Values for everything the operation takes that this test knows. */
    private static Map<String, String> values(Operation op, String name, Fixture f, String filePath) {
        Map<String, String> v = new LinkedHashMap<>();
        String pathDescription = op.query().getOrDefault("path", "");
        boolean folder = pathDescription.startsWith("the folder") || pathDescription.startsWith("the target folder");
        v.put("name", name);
        v.put("type", type(op));
        v.put("path", folder ? filePath.substring(0, Math.max(0, filePath.lastIndexOf('/'))) : filePath);
        v.put("revision", "main");
        v.put("commit", f.commit());
        v.put("ref", "tag");
        v.put("refName", "v1");
        v.put("filepath", "/" + type(op) + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/blob/main/" + filePath);
        v.put("message", "probe");
        v.put("limit", "5");
        v.put("content", "probe");
        v.put("description", "probe");
        v.keySet().retainAll(op.query().keySet().isEmpty() && op.bodyFields().isEmpty() ? List.of() : allTaken(op));
        return v;
    }

    private static List<String> allTaken(Operation op) {
        List<String> taken = new ArrayList<>(op.query().keySet());
        taken.addAll(op.bodyFields());
        return taken;
    }

    private MockHttpServletResponse call(Operation op, Map<String, String> values, CurrentUser caller, boolean queryAsJson)
            throws Exception {
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(op.method().toUpperCase()), op.path());
        ObjectNode json = JSON.createObjectNode();
        values.forEach((key, value) -> {
            if (op.query().containsKey(key) && !queryAsJson) {
                request.queryParam(key, value);
            } else if (op.bodyFields().contains(key) || queryAsJson) {
                json.put(key, value);
            }
        });
        if ("multipart/form-data".equals(op.bodyType())) {
            String boundary = "probe-boundary";
            request.contentType("multipart/form-data; boundary=" + boundary).content(("--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"probe.txt\"\r\n\r\nprobe\r\n--"
                    + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } else if (op.bodyType() != null || queryAsJson) {
            request.contentType(MediaType.APPLICATION_JSON).content(json.toString());
        }
        if (caller != null) {
            request.with(as(caller));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String answer(MockHttpServletResponse r) throws Exception {
        return r.getStatus() + " " + r.getContentAsString();
    }

    private static String msg(MockHttpServletResponse r) throws Exception {
        String body = r.getContentAsString();
        if (body.isEmpty() || !body.startsWith("{")) {
            return "";
        }
        return JSON.readTree(body).path("msg").asString("");
    }
}
