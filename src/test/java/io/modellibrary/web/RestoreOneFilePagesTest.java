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
import org.springframework.test.web.servlet.ResultActions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Undoing one file's change (a newcomer's probe, session 17: after an accidental delete, only whole-repository
 * restores were offered, and the previous commit's would also have deleted later uploads): the commit page links
 * each deleted or changed file to the restore of that file alone as before the commit; a file's history and a file
 * seen at an old revision offer "Restore this version"; the confirmation names exactly the files that change; only
 * writers see the links, and a private repository stays absent for others.
 */
@EmptyCatalogueTest
class RestoreOneFilePagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    private Accounts.SignedIn alice;
    private Accounts.SignedIn bob;
    private String added;
    private String deleted;

    @BeforeEach
    void aFileDeletedByAccidentThenALaterUpload() throws Exception {
        alice = accounts.signUp("rone");
        bob = accounts.signUp("roneb");
        for (String repo : new String[]{privateModel(), publicModel()}) {
            create(repo, repo.equals(privateModel()));
            write(repo, "README.md", "# One\n");
            write(repo, "ckpt/vocab.txt", "alpha\n\nomega\n");
        }
        added = head(privateModel());
        mvc.perform(post("/" + privateModel() + "/delete/main/ckpt/vocab.txt").with(csrf()).cookie(session(alice))
                .param("message", "Oops")).andExpect(status().is3xxRedirection());
        deleted = head(privateModel());
        write(privateModel(), "later.bin", "a later upload\n");
    }

    @Test
    void theDeleteCommitOffersTheFileAsBeforeItAndTheConfirmationNamesOnlyThatFile() throws Exception {
        String home = "/" + privateModel();
        String restoreFile = home + "/restore/" + added + "?path=ckpt/vocab.txt";
        String commit = html(home + "/commit/" + deleted);
        assertThat(commit).contains("href=\"" + restoreFile + "\"")
                .contains("Restore this file as it was before this commit…")
                .contains("To put back one file, use the link next to it below.");

        String confirm = text(restoreFile);
        assertThat(confirm).contains("Restore ckpt/vocab.txt as in commit " + added.substring(0, 7) + " on main?")
                .contains("1 file changes, listed below.").contains("ckpt/vocab.txt comes back")
                .doesNotContain("later.bin").doesNotContain("README.md");

        mvc.perform(post(home + "/restore/" + added).with(csrf()).cookie(session(alice)).param("branch", "main")
                        .param("path", "ckpt/vocab.txt").param("message", "Put vocab back"))
                .andExpect(redirectedUrlPattern(home + "/commit/*?restored=main&from=" + added + "&path=ckpt/vocab.txt"));
        assertThat(read(privateModel(), "ckpt/vocab.txt")).isEqualTo("alpha\n\nomega\n");
        assertThat(read(privateModel(), "later.bin")).as("the later upload is kept").isEqualTo("a later upload\n");
    }

    @Test
    void aChangedFileIsOfferedAsBeforeTheCommitAndAnAddedOneIsNot() throws Exception {
        String home = "/" + privateModel();
        String parent = head(privateModel());
        write(privateModel(), "README.md", "# Two\n");
        String changed = head(privateModel());
        assertThat(html(home + "/commit/" + changed)).contains("href=\"" + home + "/restore/" + parent + "?path=README.md\"");
        // later.bin was added: restoring it "as before" would delete it, which the file's own Delete does
        String addCommit = html(home + "/commits/main/later.bin");
        Matcher id = Pattern.compile("/commit/([0-9a-f]{40})").matcher(addCommit);
        assertThat(id.find()).isTrue();
        assertThat(html(home + "/commit/" + id.group(1))).doesNotContain("Restore this file as it was before this commit");
    }

    @Test
    void aFilesHistoryAndAnOldVersionOfferRestoreThisVersionExceptWhereNothingIsThere() throws Exception {
        String home = "/" + privateModel();
        String history = html(home + "/commits/main/ckpt/vocab.txt");
        assertThat(history).contains("href=\"" + home + "/restore/" + added + "?path=ckpt/vocab.txt\"")
                .doesNotContain("href=\"" + home + "/restore/" + deleted + "?path=")
                .contains("Restore this version…");

        assertThat(html(home + "/blob/" + added + "/ckpt/vocab.txt"))
                .contains("href=\"" + home + "/restore/" + added + "?path=ckpt/vocab.txt\"").contains("Restore this version…");
        assertThat(html(home + "/blob/main/README.md")).doesNotContain("Restore this version");
        assertThat(html(home + "/commits/main/README.md")).as("main holds the only version").doesNotContain("Restore this version");
    }

    @Test
    void readersSeeNoRestoreLinksAndAPrivateRepositoryStaysAbsent() throws Exception {
        String open = "/" + publicModel();
        write(publicModel(), "README.md", "# Two\n");
        String changed = head(publicModel());
        for (String page : new String[]{"/commit/" + changed, "/commits/main/README.md", "/blob/" + changed + "/README.md"}) {
            String seen = mvc.perform(get(open + page).cookie(session(bob))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(seen).as(page).doesNotContain("/restore/");
        }
        mvc.perform(get(open + "/restore/" + changed + "?path=README.md").cookie(session(bob))).andExpect(status().isForbidden());
        for (String page : new String[]{"/commit/" + deleted, "/restore/" + added + "?path=ckpt/vocab.txt"}) {
            mvc.perform(get("/" + privateModel() + page).cookie(session(bob))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/" + privateModel() + "/restore/" + added).with(csrf()).cookie(session(bob))
                .param("path", "ckpt/vocab.txt")).andExpect(status().isNotFound());
    }

    private String html(String url) throws Exception {
        return mvc.perform(get(url).cookie(session(alice))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The page's text as a reader sees it: tags dropped, white space made single spaces. */
    private String text(String url) throws Exception {
        return html(url).replaceAll("<[^>]*>", "").replaceAll("\\s+", " ").replace("&#39;", "'").replace("&rsquo;", "’");
    }

    private String privateModel() {
        return alice.username() + "/private-r";
    }

    private String publicModel() {
        return alice.username() + "/public-r";
    }

    private static Cookie session(Accounts.SignedIn user) {
        return new Cookie(WebPages.SESSION_COOKIE, user.token());
    }

    private void create(String name, boolean isPrivate) throws Exception {
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"isPrivate\":" + isPrivate + "}")).andExpect(jsonPath("$.msg").value("success"));
    }

    private void write(String name, String path, String text) throws Exception {
        mvc.perform(put("/api/files/text").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"path\":\"" + path + "\",\"content\":\"" + text.replace("\n", "\\n") + "\"}"))
                .andExpect(jsonPath("$.msg").value("success"));
    }

    private String read(String name, String path) throws Exception {
        return mvc.perform(get("/" + name + "/resolve/main/" + path).with(alice.bearer())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private String head(String name) throws Exception {
        ResultActions edit = mvc.perform(get("/" + name + "/edit/main/README.md").cookie(session(alice))).andExpect(status().isOk());
        Matcher m = Pattern.compile("name=\"parentCommit\" value=\"([0-9a-f]{40})\"").matcher(edit.andReturn().getResponse().getContentAsString());
        assertThat(m.find()).as("the edit form carries the head it was read at").isTrue();
        return m.group(1);
    }
}
