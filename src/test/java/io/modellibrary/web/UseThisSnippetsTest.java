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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        List<String> code = snippets(secret);
        assertThat(joined(code.get(0))).contains("hf download " + alice.username() + "/secret --token \"$HF_TOKEN\"");
        assertThat(code.get(1)).contains("from_pretrained(").contains("\"" + alice.username() + "/secret\"")
                .contains("token=os.environ[\"HF_TOKEN\"]");
        assertThat(secret).contains("A private repository: put an access token");
        String open = page(alice, "/" + alice.username() + "/open");
        assertThat(joined(snippets(open).get(0))).contains("hf download " + alice.username() + "/open");
        assertThat(open).doesNotContain("HF_TOKEN").doesNotContain("A private repository");
    }

    /**
     * The snippets fit the panel's box (W17): every line within {@link Snippets#COLUMNS} but a URL's, shell lines
     * continued with a backslash, a long call's arguments on their own lines; a URL may wrap at its slashes.
     */
    @Test
    void theSnippetsKeepToTheColumnsOfThePanelsBox() throws Exception {
        Accounts.SignedIn bob = accounts.signUp("wfold");
        String name = bob.username() + "/long-model-name";
        mvc.perform(post("/api/model").with(bob.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"isPrivate\":true}"))
                .andExpect(jsonPath("$.msg").value("success"));
        String html = page(bob, "/" + name);
        List<String> code = snippets(html);
        assertThat(code.get(0)).isEqualTo("HF_ENDPOINT=http://localhost \\\n  hf download " + name + " \\\n  --token \"$HF_TOKEN\"");
        assertThat(code.get(1)).endsWith("model = AutoModel.from_pretrained(\n    \"" + name + "\",\n"
                + "    token=os.environ[\"HF_TOKEN\"],\n)");
        for (String snippet : code) {
            for (String line : snippet.split("\n")) {
                assertThat(line.length() <= Snippets.COLUMNS || line.contains("://")).as(line).isTrue();
            }
        }
        assertThat(html).as("a URL may wrap at its slashes").contains("HF_ENDPOINT=http:/<wbr>/<wbr>localhost \\\n");
    }

    /** The code of the page's snippets in order (hf, Python, curl), as copied: without the {@code <wbr>} marks. */
    private static List<String> snippets(String page) {
        Matcher code = Pattern.compile("<pre class=\"snippet\"><code>(.*?)</code></pre>", Pattern.DOTALL).matcher(page);
        List<String> found = new ArrayList<>();
        while (code.find()) {
            found.add(code.group(1).replace("<wbr>", ""));
        }
        return found;
    }

    /** A shell command's continued lines joined as the shell reads them. */
    private static String joined(String shell) {
        return shell.replace(" \\\n  ", " ");
    }

    private String page(Accounts.SignedIn who, String url) throws Exception {
        String html = mvc.perform(get(url).cookie(new Cookie(WebPages.SESSION_COOKIE, who.token()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return HtmlUtils.htmlUnescape(html);
    }
}
