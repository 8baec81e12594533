package io.modellibrary.hub;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The NDJSON commit's body, as an outside probe sent it: base64 that is not base64 (stored as an
 * empty file before), a body of another type ({@code text/plain}, {@code image/png} were
 * committed), and a malformed line (answered with the JSON parser's internals). Each is a 4xx that
 * commits nothing, in plain words.
 */
@FullStackTest
class HubCommitBodyTest {

    private static final String HEADER = "{\"key\":\"header\",\"value\":{\"summary\":\"Add\"}}\n";

    @RegisterExtension
    final HubFixtures fixtures = new HubFixtures();
    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    private Accounts.SignedIn alice;
    private String id;

    private void model(String name) throws Exception {
        alice = accounts.signUp("body");
        fixtures.create(alice, RepoType.MODEL, name, false);
        id = alice.username() + "/" + name;
    }

    private ResultActions commit(String contentType, String body) throws Exception {
        var request = post("/api/models/" + id + "/commit/main").with(alice.bearer()).content(body);
        return mvc.perform(contentType == null ? request : request.contentType(contentType));
    }

    private void nothingCommitted() throws Exception {
        mvc.perform(get("/api/models/" + id + "/commits/main")).andExpect(jsonPath("$.length()").value(0)); // created empty
    }

    private static String fileLine(String path, String content) {
        return "{\"key\":\"file\",\"value\":{\"path\":\"" + path + "\",\"content\":\"" + content + "\",\"encoding\":\"base64\"}}\n";
    }

    @Test
    void contentThatIsNotBase64Is400NamingThePathAndCommitsNothing() throws Exception {
        model("b64");
        for (String bad : new String[]{"!!!", "@@@@", "aGVsbG8=!", "aGVs bG8="}) {
            commit("application/x-ndjson", HEADER + fileLine("b64.txt", bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error").value("file b64.txt: content is not base64"));
        }
        nothingCommitted();
        commit("application/x-ndjson", HEADER + fileLine("b64.txt", "aGVsbG8=")).andExpect(status().isOk());
        mvc.perform(get("/" + id + "/resolve/main/b64.txt")).andExpect(content().string("hello"));
    }

    @Test
    void aBodyOfAnotherTypeIs415InTheHubsFormAndCommitsNothing() throws Exception {
        model("types");
        String body = HEADER + fileLine("a.txt", "YQ==");
        for (String type : new String[]{"text/plain", "image/png", "application/json", "multipart/form-data; boundary=x"}) {
            commit(type, body).andExpect(status().isUnsupportedMediaType())
                    .andExpect(header().string("X-Error-Message", containsString("application/x-ndjson")))
                    .andExpect(jsonPath("$.error").value(containsString("application/x-ndjson")));
        }
        nothingCommitted();
        commit("application/x-ndjson; charset=utf-8", body).andExpect(status().isOk());
        commit("application/ndjson", HEADER + fileLine("b.txt", "Yg==")).andExpect(status().isOk());
        commit(null, HEADER + fileLine("c.txt", "Yw==")).andExpect(status().isOk());
    }

    @Test
    void aMalformedLineIsNamedByItsNumberWithoutTheParsersWords() throws Exception {
        model("lines");
        commit("application/x-ndjson", HEADER + "\n{\"key\": \"file\", oops}\n")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("line 3 is not a JSON object"))
                .andExpect(content().string(not(containsString("StreamReadFeature"))))
                .andExpect(content().string(not(containsString("Source"))));
        commit("application/x-ndjson", HEADER + "[1, 2]\n")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("line 2 is not a JSON object"));
        nothingCommitted();
    }
}
