package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A repository page's "Use this" snippets work as copied: for a private repository every one of
 * them (hf CLI, Python, curl) passes the access token, for a public one none does.
 */
@EmptyCatalogueTest
class UseThisSnippetsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @Test
    void aPrivateRepositorysSnippetsPassTheTokenAndAPublicOnesDoNot() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("wuse");
        for (String visibility : new String[]{"secret", "open"}) {
            mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + alice.username() + "/" + visibility + "\",\"isPrivate\":" + visibility.equals("secret") + "}"))
                    .andExpect(jsonPath("$.msg").value("success"));
        }
        String secret = page(alice, "/" + alice.username() + "/secret");
        assertThat(secret).contains("hf download " + alice.username() + "/secret --token \"$HF_TOKEN\"")
                .contains("from_pretrained(\"" + alice.username() + "/secret\", token=os.environ[\"HF_TOKEN\"])")
                .contains("A private repository: put an access token");
        String open = page(alice, "/" + alice.username() + "/open");
        assertThat(open).contains("hf download " + alice.username() + "/open").doesNotContain("HF_TOKEN")
                .doesNotContain("A private repository");
    }

    private String page(Accounts.SignedIn who, String url) throws Exception {
        String html = mvc.perform(get(url).cookie(new Cookie(WebPages.SESSION_COOKIE, who.token()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return HtmlUtils.htmlUnescape(html);
    }
}
