package io.modellibrary.web;

import io.modellibrary.files.MultipartBody;
import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The upload page as its script reads it: the per-file limit in the form (so that the script
 * refuses a larger file before sending it), and the error page's message element (what
 * {@code upload.js} shows after "The upload failed (HTTP 413)"), not the status code above it.
 */
@EmptyCatalogueTest
// the same limits, in the same order, as files.UploadLimitsTest: one test context for both (this
// class's uploads stay under the 16KB request)
@TestPropertySource(properties = {"modellibrary.files.max-file-size=4KB", "modellibrary.files.max-request-size=16KB"})
class UploadPagesTest {

    /** The element upload.js's reason() reads on an HTML error page. */
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<p class=\"error-message\">([^<]*)</p>");

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    private Accounts.SignedIn alice;

    @BeforeEach
    void repository() throws Exception {
        alice = accounts.signUp("wupl");
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + model() + "\"}")).andExpect(jsonPath("$.msg").value("success"));
    }

    @Test
    void theFormCarriesTheLimitPerFileForTheScriptAndSaysItToTheUser() throws Exception {
        mvc.perform(get("/" + model() + "/upload/main").cookie(session())).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-max-file-bytes=\"4096\"")))
                .andExpect(content().string(containsString("data-max-file-size=\"4KB\"")))
                .andExpect(content().string(containsString("Each file may be up to <span>4KB</span>")));
    }

    @Test
    void aFileOverTheLimitIsRefusedWithTheReasonInTheElementTheScriptReads() throws Exception {
        byte[] big = new byte[4097];
        Arrays.fill(big, (byte) 'x');
        MultipartBody form = new MultipartBody().field("message", "too big").field("path", "").file("big.bin", big);
        String page = mvc.perform(post("/" + model() + "/upload/main").with(csrf().asHeader()).cookie(session())
                        .header(UploadPageController.SCRIPTED, "XMLHttpRequest")
                        .contentType(MultipartBody.contentType()).content(form.build()))
                .andExpect(status().isContentTooLarge()).andReturn().getResponse().getContentAsString();
        Matcher message = ERROR_MESSAGE.matcher(page);
        assertThat(message.find()).as("the error page has one message element").isTrue();
        assertThat(message.group(1)).isEqualTo("a file is larger than the limit of 4KB");
        assertThat(page.indexOf("<p class=\"status\">413</p>")).as("the status paragraph comes first, which the script skips")
                .isBetween(0, message.start());
        mvc.perform(get("/" + model() + "/tree/main").cookie(session()))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("big.bin"))));
    }

    @Test
    void aNamelessFilePartWithBytesIsRefusedNamingThePartAndNothingIsCommitted() throws Exception {
        MultipartBody form = new MultipartBody().field("message", "two files").field("path", "")
                .file("kept.txt", "named").file("", "bytes without a name");
        String expected = "a file without a name cannot be uploaded: file part 2 (&quot;file&quot;) has bytes but no file name"
                + " (filename=&quot;&quot;), so it has no path; nothing was committed";
        for (boolean scripted : new boolean[]{true, false}) {
            var request = post("/" + model() + "/upload/main").with(csrf().asHeader()).cookie(session())
                    .contentType(MultipartBody.contentType()).content(form.build());
            String page = mvc.perform(scripted ? request.header(UploadPageController.SCRIPTED, "XMLHttpRequest") : request)
                    .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
            Matcher message = ERROR_MESSAGE.matcher(page);
            assertThat(message.find()).as("the error page has one message element").isTrue();
            assertThat(message.group(1)).isEqualTo(expected);
        }
        mvc.perform(get("/" + model() + "/tree/main").cookie(session()))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("kept.txt"))));
    }

    @Test
    void anEmptyFileInputBesideANamedFileIsPassedOver() throws Exception {
        MultipartBody form = new MultipartBody().field("message", "one file").field("path", "")
                .file("kept.txt", "named").file("", new byte[0]);
        mvc.perform(post("/" + model() + "/upload/main").with(csrf().asHeader()).cookie(session())
                        .contentType(MultipartBody.contentType()).content(form.build()))
                .andExpect(status().isSeeOther());
        mvc.perform(get("/" + model() + "/tree/main").cookie(session())).andExpect(content().string(containsString("kept.txt")));
    }

    private String model() {
        return alice.username() + "/upload-m";
    }

    private Cookie session() {
        return new Cookie(WebPages.SESSION_COOKIE, alice.token());
    }
}
