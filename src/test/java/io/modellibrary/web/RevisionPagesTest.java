package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages at a revision read it as the Hub routes do: a branch whose name holds {@code /} is
 * linked and opened with {@code %2F} in the revision's segment (as huggingface.co links
 * {@code /tree/refs%2Fpr%2F1}), {@code HEAD} is the default branch; {@code %2F} stays refused in
 * the repository's name and the file's path.
 */
@EmptyCatalogueTest
class RevisionPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    private Accounts.SignedIn alice;

    @BeforeEach
    void repositoryWithABranchFeatY() throws Exception {
        alice = accounts.signUp("wrev");
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + repo() + "\",\"isPrivate\":false}")).andExpect(jsonPath("$.msg").value("success"));
        write(null, "README.md", "# On main\\n");
        mvc.perform(post(URI.create("/api/models/" + repo() + "/branch/feat%2Fy")).with(alice.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"startingPoint\":\"main\"}")).andExpect(status().isOk());
        write("feat/y", "only-on-feat.txt", "feat line\\n");
    }

    @Test
    void everyPageOfABranchWithASlashOpensAtItsEncodedName() throws Exception {
        String home = "/" + repo();
        assertThat(page(home + "/refs")).contains("href=\"" + home + "/tree/feat%2Fy\"");
        assertThat(page(home + "/tree/feat%2Fy")).contains("only-on-feat.txt")
                .contains("href=\"" + home + "/blob/feat%2Fy/only-on-feat.txt\"");
        assertThat(page(home + "/blob/feat%2Fy/only-on-feat.txt")).contains("feat line")
                .contains("href=\"" + home + "/edit/feat%2Fy/only-on-feat.txt\"");
        assertThat(page(home + "/commits/feat%2Fy")).contains("only-on-feat.txt");
        assertThat(page(home + "/edit/feat%2Fy/only-on-feat.txt")).contains("feat line");
        assertThat(page(home + "/upload/feat%2Fy")).contains("feat/y");
        mvc.perform(get(URI.create(home + "/tree/feat/y")).cookie(session())).andExpect(status().isNotFound());
    }

    @Test
    void anEditCommittedAtTheEncodedBranchLandsOnThatBranch() throws Exception {
        String home = "/" + repo();
        mvc.perform(post(URI.create(home + "/edit/feat%2Fy/only-on-feat.txt")).with(csrf()).cookie(session())
                        .param("content", "edited on feat\n").param("message", "Edit on feat/y"))
                .andExpect(redirectedUrl(home + "/blob/feat%2Fy/only-on-feat.txt"));
        assertThat(raw("feat%2Fy", "only-on-feat.txt")).isEqualTo("edited on feat\n");
        mvc.perform(get(URI.create(home + "/resolve/main/only-on-feat.txt"))).andExpect(status().isNotFound());
    }

    @Test
    void anEncodedSlashOutsideTheRevisionSegmentIsStillRefused() throws Exception {
        String home = "/" + repo();
        mvc.perform(get(URI.create(home + "/blob/feat%2Fy/sub%2Fonly-on-feat.txt")).cookie(session())).andExpect(status().isBadRequest());
        mvc.perform(get(URI.create("/" + alice.username() + "%2F" + "revs/tree/main")).cookie(session())).andExpect(status().isBadRequest());
        mvc.perform(get(URI.create(home + "/like%2Fx")).cookie(session())).andExpect(status().isBadRequest());
    }

    @Test
    void headIsTheDefaultBranchAsOnTheHubRoutes() throws Exception {
        String home = "/" + repo();
        mvc.perform(get(URI.create(home + "/resolve/HEAD/README.md"))).andExpect(status().isOk());
        assertThat(page(home + "/tree/HEAD")).contains("README.md").doesNotContain("only-on-feat.txt");
        assertThat(page(home + "/blob/HEAD/README.md")).contains("# On main");
        assertThat(page(home + "/commits/HEAD")).contains("README.md");
        // the compare page reads each side as the others read a revision, its link's raw / or %2F
        assertThat(page(home + "/compare/HEAD...feat/y")).contains("only-on-feat.txt");
        assertThat(page(home + "/compare/main...feat%2Fy")).contains("only-on-feat.txt");
        mvc.perform(get(URI.create(home + "/tree/refs%2Fheads%2Ffeat%2Fy")).cookie(session())).andExpect(status().isOk())
                .andExpect(content().string(containsString("only-on-feat.txt")));
        mvc.perform(get(URI.create(home + "/tree/refs%2Fpr%2F1")).cookie(session())).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("pull requests are not supported")))
                .andExpect(content().string(not(containsString("only-on-feat.txt"))));
    }

    private String repo() {
        return alice.username() + "/revs";
    }

    private String page(String url) throws Exception {
        return mvc.perform(get(URI.create(url)).cookie(session())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String raw(String revision, String path) throws Exception {
        return mvc.perform(get(URI.create("/" + repo() + "/resolve/" + revision + "/" + path))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private void write(String branch, String path, String escapedText) throws Exception {
        mvc.perform(put("/api/files/text").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + repo() + "\",\"path\":\"" + path + "\",\"content\":\"" + escapedText + "\""
                        + (branch == null ? "" : ",\"branch\":\"" + branch + "\"") + "}"))
                .andExpect(jsonPath("$.msg").value("success"));
    }

    private Cookie session() {
        return new Cookie(WebPages.SESSION_COOKIE, alice.token());
    }
}
