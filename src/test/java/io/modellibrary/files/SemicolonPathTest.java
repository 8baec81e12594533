package io.modellibrary.files;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A probe uploaded {@code a;b.txt} on every face: {@code /api/files/download} served it, but its web
 * page and its Hub {@code resolve} answered 400, since no address can carry a {@code ;} (a raw one starts
 * path parameters, an encoded one is refused by the firewall). Every face now refuses such a path with
 * a 400 naming the part and the character, and commits nothing (docs/decisions.md N11).
 */
@EmptyCatalogueTest
class SemicolonPathTest {

    private static final String SAYS_WHY = "contains \";\", which no address of a file can carry";

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @Test
    void noFaceWritesAFileWhosePathHoldsASemicolon() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("semicolon");
        String id = alice.username() + "/semi";
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + id + "\"}")).andExpect(jsonPath("$.msg").value("success"));

        mvc.perform(post("/api/files").with(alice.bearer()).contentType(MultipartBody.contentType())
                        .content(new MultipartBody().field("name", id).file("a;b.txt", "seed".getBytes(StandardCharsets.UTF_8)).build()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg").value(containsString("\"a;b.txt\" " + SAYS_WHY)));
        mvc.perform(post("/api/models/" + id + "/preupload/main").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"files\":[{\"path\":\"w;1/model.bin\",\"size\":3,\"sample\":\"YWJj\"}]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(containsString("\"w;1\" " + SAYS_WHY)));
        mvc.perform(post("/api/models/" + id + "/commit/main").with(alice.bearer()).contentType("application/x-ndjson")
                        .content("{\"key\":\"header\",\"value\":{\"summary\":\"Add\"}}\n"
                                + "{\"key\":\"file\",\"value\":{\"path\":\"c;d.txt\",\"content\":\"aHVi\",\"encoding\":\"base64\"}}\n"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(containsString("\"c;d.txt\" " + SAYS_WHY)));
        mvc.perform(post("/" + id + "/new/main").with(csrf()).cookie(new Cookie(WebPages.SESSION_COOKIE, alice.token()))
                        .param("path", "e;f.txt").param("content", "page"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("which no address of a file can carry")));

        mvc.perform(get("/api/models/" + id + "/commits/main")).andExpect(jsonPath("$.length()").value(0)); // created empty
        mvc.perform(post("/api/files").with(alice.bearer()).contentType(MultipartBody.contentType())
                        .content(new MultipartBody().field("name", id).file("a,b=c.txt", "kept".getBytes(StandardCharsets.UTF_8)).build()))
                .andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(get("/" + id + "/resolve/main/a,b=c.txt")).andExpect(status().isOk()).andExpect(content().string("kept"));
    }
}
