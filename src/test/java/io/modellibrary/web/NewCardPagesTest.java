package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A repository without a card offers its writers "Create model card" ("Create dataset card" for a dataset) next to
 * "Upload files" (a newcomer's probe, session 17: only the upload was offered): the new-file form with README.md in
 * its path field and a short outline to fill in; a reader is offered neither.
 */
@EmptyCatalogueTest
class NewCardPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Fixtures fixtures;

    @Test
    void aModelOrDatasetWithoutACardOffersItsWriterToCreateOneAndTheFormStartsWithReadmeMd() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("wcard");
        Accounts.SignedIn bob = accounts.signUp("wcardb");
        String model = alice.username() + "/no-card";
        String dataset = alice.username() + "/no-card-data";
        fixtures.model(model).save();
        fixtures.dataset(dataset).save();

        String modelPage = page("/" + model, alice);
        assertThat(modelPage).contains("Upload files")
                .contains("<a class=\"button secondary\" href=\"/" + model + "/new/main?filename=README.md\">Create model card</a>");
        assertThat(page("/datasets/" + dataset, alice))
                .contains("href=\"/datasets/" + dataset + "/new/main?filename=README.md\">Create dataset card</a>");
        assertThat(page("/" + model, bob)).doesNotContain("Create model card").doesNotContain("Upload files");

        String form = page("/" + model + "/new/main?filename=README.md", alice);
        assertThat(form).contains("id=\"path\" name=\"path\" type=\"text\" value=\"README.md\"")
                .contains("# " + model).contains("What this model does");
        assertThat(page("/datasets/" + dataset + "/new/main?filename=README.md", alice)).contains("What this dataset holds");
        assertThat(page("/" + model + "/new/main", alice)).as("the plain new-file form is unchanged")
                .contains("value=\"\"").doesNotContain("What this model does");
    }

    private String page(String url, Accounts.SignedIn user) throws Exception {
        return mvc.perform(get(url).cookie(new Cookie(WebPages.SESSION_COOKIE, user.token()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }
}
