package io.modellibrary.catalog;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static io.modellibrary.support.Users.alice;
import static io.modellibrary.support.Users.as;
import static io.modellibrary.support.Users.bob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the existing web client (React, axios) reads and sends: docs/http-contract.md#web-client-quirks-we-keep. */
@EmptyCatalogueTest
@ExtendWith(OutputCaptureExtension.class)
class ExistingWebClientTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Accounts accounts;

    @BeforeEach
    void empty() {
        fixtures.clearCatalogue();
    }

    @Test
    void personalFilesHasItsListAtTheTopLevelToo() throws Exception {
        fixtures.model("alice/mine").owner("alice").save();
        mvc.perform(post("/api/personalFiles").with(as(alice())))
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.list[0].name").value("alice/mine"))
                .andExpect(jsonPath("$.data.list[0].name").value("alice/mine"));
    }

    @Test
    void theRepositoryHeaderFieldsAreAlsoDirectlyUnderData() throws Exception {
        fixtures.model("alice/header").owner("alice").modified("2024-03-01T10:00:00Z").save();
        mvc.perform(get("/api/model").param("name", "alice/header"))
                .andExpect(jsonPath("$.data.lastModified").value("2024-03-01T10:00:00.000Z"))
                .andExpect(jsonPath("$.data.author").value("alice"))
                .andExpect(jsonPath("$.data.avatar").value("/images/defaultAvatar.png"))
                .andExpect(jsonPath("$.data.isPrivate").value(false))
                .andExpect(jsonPath("$.data.options.lastModified").value("2024-03-01T10:00:00.000Z"));
    }

    @Test
    void aDatasetIsCreatedWithTheFiveModelFacetsSentEmpty() throws Exception {
        mvc.perform(post("/api/dataset").with(as(alice())).contentType(MediaType.APPLICATION_JSON).content("""
                        {"name":"weather","author":"alice","isPrivate":false,"activeFilters":
                         {"task":["Tabular Classification"],"library":[],"dataset":[],"language":[],"other":[]}}"""))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(jsonPath("$.data.options.name").value("alice/weather"));
        mvc.perform(post("/api/dataset").with(as(alice())).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"weather2\",\"activeFilters\":{\"library\":[\"PyTorch\"]}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg", containsString("library")));
    }

    @Test
    void likeTakesAJsonBody() throws Exception {
        fixtures.dataset("alice/liked").owner("alice").save();
        mvc.perform(post("/api/like").with(as(bob())).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"alice/liked\",\"type\":\"dataset\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.liked").value(true))
                .andExpect(jsonPath("$.data.likes").value(1));
    }

    @Test
    void likeTakesAFormBodyToo() throws Exception {
        fixtures.model("alice/formed").owner("alice").save();
        mvc.perform(post("/api/like").with(as(bob())).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("name=alice%2Fformed&type=model"))
                .andExpect(jsonPath("$.data.liked").value(true));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/like").with(as(bob()))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("name=alice%2Fformed&type=model"))
                .andExpect(jsonPath("$.data.liked").value(false));
        mvc.perform(post("/api/like").with(as(bob())).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("name=%E0%A4"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg", containsString("name")));
    }

    @Test
    void writesFromTheBrowserWorkBehindNginxWithItsDefaultHostHeader(CapturedOutput output) throws Exception {
        // nginx's default: Host is the upstream (127.0.0.1:3000), Origin the address the browser used.
        mvc.perform(post("/api/model").with(as(alice())).header(HttpHeaders.HOST, "127.0.0.1:3000")
                        .header(HttpHeaders.ORIGIN, "https://hub.example.org").header("Sec-Fetch-Site", "same-origin")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"proxied\"}"))
                .andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(post("/api/model").with(as(alice())).header(HttpHeaders.HOST, "127.0.0.1:3000")
                        .header(HttpHeaders.ORIGIN, "https://hub.example.org").header("X-Forwarded-Host", "hub.example.org")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"forwarded\"}"))
                .andExpect(jsonPath("$.msg").value("success"));
        // an origin no other test uses: the refusal is logged once per origin in the (shared) context
        for (int i = 0; i < 3; i++) {
            mvc.perform(post("/api/model").with(as(alice())).header(HttpHeaders.HOST, "127.0.0.1:3000")
                            .header(HttpHeaders.ORIGIN, "https://web-client-elsewhere.example.com").header("Sec-Fetch-Site", "cross-site")
                            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"refused\"}"))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.msg").value("origin not allowed"));
        }
        String log = output.getOut();
        assertThat(log).contains("modellibrary.cors.allowed-origins=https://web-client-elsewhere.example.com");
        assertThat(log.split("Refused requests from origin https://web-client-elsewhere.example.com", -1)).hasSize(2);
    }
}
