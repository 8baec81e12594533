package io.modellibrary.hub;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Refusals the security layer makes before any controller runs come, on the Git LFS routes
 * ({@code /{id}.git/info/lfs/...}), in Git LFS's error form (git-lfs {@code docs/api/batch.md}:
 * {@code {"message"}}, {@code application/vnd.git-lfs+json}), which git-lfs shows its user;
 * elsewhere the envelope stays. The batch route itself is open (a download batch needs no
 * credential, {@link LfsDownloadTest}): its upload refuses an anonymous caller and a read token
 * in the same form and words.
 */
@FullStackTest
class LfsRefusalFormTest {

    private static final String LFS = "application/vnd.git-lfs+json";
    private static final String UPLOAD = "{\"operation\":\"upload\",\"objects\":[]}";

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Members members;

    private static MockHttpServletRequestBuilder batch(String id) {
        return post("/" + id + ".git/info/lfs/objects/batch").contentType(LFS).accept(LFS).content(UPLOAD);
    }

    private static void inLfsForm(ResultActions answer, int status, String message) throws Exception {
        answer.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.parseMediaType(LFS)))
                .andExpect(jsonPath("$.message").value(containsString(message)))
                .andExpect(jsonPath("$.code").doesNotExist())
                .andExpect(jsonPath("$.msg").doesNotExist());
    }

    @Test
    void aBatchWithoutATokenIs401InGitLfsForm() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("lfsauth");
        inLfsForm(mvc.perform(batch(alice.username() + "/bert")), 401, "authentication required");
        inLfsForm(mvc.perform(batch("datasets/" + alice.username() + "/set")), 401, "authentication required");
        inLfsForm(mvc.perform(batch(alice.username() + "/bert").content("{\"operation\":\"download\",\"objects\":[]}")),
                404, "Repository not found");
    }

    @Test
    void aBatchWithABadTokenIs401InGitLfsForm() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("lfsauth");
        inLfsForm(mvc.perform(batch(alice.username() + "/bert").with(Accounts.bearer("hf_not-a-token-we-issued"))),
                401, "invalid or revoked access token");
        inLfsForm(mvc.perform(batch(alice.username() + "/bert").with(Accounts.bearer("eyJhbGciOiJIUzI1NiJ9.e30.forged"))),
                401, "authentication required");
    }

    @Test
    void aReadTokensUploadBatchIs403InGitLfsForm() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("lfsauth");
        Members.Token read = members.token(alice, "read");
        inLfsForm(mvc.perform(batch(alice.username() + "/bert").with(Accounts.bearer(read.token()))), 403, "read-only");
    }

    @Test
    void theSeedApiKeepsItsEnvelope() throws Exception {
        mvc.perform(post("/api/files").contentType(MediaType.MULTIPART_FORM_DATA))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.msg").value("no login"));
    }
}
