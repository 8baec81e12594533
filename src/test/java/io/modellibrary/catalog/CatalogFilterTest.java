package io.modellibrary.catalog;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Facet, name, sort and page semantics of the catalogue lists. */
@EmptyCatalogueTest
class CatalogFilterTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    @BeforeEach
    void catalogue() {
        fixtures.clearCatalogue();
        fixtures.model("acme/ner-en").label("task", "Token Classification").label("language", "English")
                .label("library", "PyTorch", "Transformers").downloads(500).likes(3)
                .created("2023-03-01T00:00:00Z").modified("2024-05-01T00:00:00Z").save();
        fixtures.model("acme/ner-de").label("task", "Token Classification").label("language", "German")
                .label("library", "PyTorch").downloads(100).likes(9)
                .created("2023-01-01T00:00:00Z").modified("2024-07-01T00:00:00Z").save();
        fixtures.model("Beta/sd-(v1.5)+x").label("task", "Text-to-Image").label("language", "English")
                .label("library", "Diffusers").downloads(900).likes(1)
                .created("2023-06-01T00:00:00Z").modified("2024-01-01T00:00:00Z").save();
        fixtures.model("beta/bert base").label("task", "Fill-Mask").label("language", "English", "German")
                .downloads(50).created("2023-02-01T00:00:00Z").modified("2024-02-01T00:00:00Z").save();
        fixtures.dataset("acme/squad-de").label("task", "Question Answering").label("size", "10K<n<100K").save();
    }

    @Test
    void oneFacetSelectsTheReposCarryingTheLabel() throws Exception {
        assertThat(names(get("/api/modelList").param("task", "Token Classification")))
                .containsExactly("acme/ner-en", "acme/ner-de");
    }

    @Test
    void twoFacetsMustBothMatch() throws Exception {
        assertThat(names(get("/api/modelList").param("task", "Token Classification").param("language", "German")))
                .containsExactly("acme/ner-de");
    }

    @Test
    void twoLabelsInOneFacetMustBothMatch() throws Exception {
        assertThat(names(get("/api/modelList").param("language", "English,German"))).containsExactly("beta/bert base");
        assertThat(names(get("/api/modelList").param("library", "PyTorch,Transformers"))).containsExactly("acme/ner-en");
    }

    @Test
    void labelsMatchWithoutCase() throws Exception {
        assertThat(names(get("/api/modelList").param("task", "token classification").param("language", "ENGLISH")))
                .containsExactly("acme/ner-en");
        assertThat(names(get("/api/datasetList").param("size", "10k<n<100k"))).containsExactly("acme/squad-de");
    }

    @Test
    void unknownLabelGivesAnEmptyPageNotAnError() throws Exception {
        mvc.perform(get("/api/modelList").param("task", "No Such Task"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.data.numTotalItems").value(0));
    }

    @Test
    void nameIsALiteralCaseInsensitiveFragment() throws Exception {
        assertThat(names(get("/api/modelList").param("name", "NER"))).containsExactly("acme/ner-en", "acme/ner-de");
        assertThat(names(get("/api/modelList").param("name", ".*"))).isEmpty();
        assertThat(names(get("/api/modelList").param("name", "(v1.5)+"))).containsExactly("Beta/sd-(v1.5)+x");
        assertThat(names(get("/api/modelList").param("name", "sd-("))).containsExactly("Beta/sd-(v1.5)+x");
    }

    @Test
    void spacesAndEncodedPlusSignsMatchAsWritten() throws Exception {
        // A raw '+' in a query string is decoded to a space by the servlet container
        // (see EmbeddedRestartTest, over real HTTP); an encoded one stays a plus.
        assertThat(names(get("/api/modelList").param("name", "bert base"))).containsExactly("beta/bert base");
        assertThat(names(get(java.net.URI.create("/api/modelList?name=%2Bx")))).containsExactly("Beta/sd-(v1.5)+x");
    }

    @Test
    void listsAreTypeSpecific() throws Exception {
        assertThat(names(get("/api/datasetList"))).containsExactly("acme/squad-de");
        assertThat(names(get("/api/modelList"))).doesNotContain("acme/squad-de");
    }

    @Test
    void everySortTypeReallySorts() throws Exception {
        assertThat(names(get("/api/modelList"))).containsExactly("Beta/sd-(v1.5)+x", "acme/ner-en", "acme/ner-de", "beta/bert base");
        assertThat(names(get("/api/modelList").param("sortType", "most-downloads")))
                .containsExactly("Beta/sd-(v1.5)+x", "acme/ner-en", "acme/ner-de", "beta/bert base");
        assertThat(names(get("/api/modelList").param("sortType", "recently-updated")))
                .containsExactly("acme/ner-de", "acme/ner-en", "beta/bert base", "Beta/sd-(v1.5)+x");
        assertThat(names(get("/api/modelList").param("sortType", "recently-created")))
                .containsExactly("Beta/sd-(v1.5)+x", "acme/ner-en", "beta/bert base", "acme/ner-de");
        assertThat(names(get("/api/modelList").param("sortType", "most-likes")))
                .containsExactly("acme/ner-de", "acme/ner-en", "Beta/sd-(v1.5)+x", "beta/bert base");
        assertThat(names(get("/api/modelList").param("sortType", "alphabetical")))
                .containsExactly("acme/ner-de", "acme/ner-en", "beta/bert base", "Beta/sd-(v1.5)+x");
    }

    @Test
    void labelsInUseJoinTheTaxonomy() throws Exception {
        fixtures.model("acme/custom").label("task", "Protein Folding").label("other", "in-house").save();
        String body = mvc.perform(get("/api/modelLabel")).andReturn().getResponse().getContentAsString();
        List<String> tasks = JsonPath.read(body, "$.data.task");
        assertThat(tasks).contains("Protein Folding", "Text Classification");
        assertThat(tasks).filteredOn("token classification"::equalsIgnoreCase).hasSize(1);
        assertThat(JsonPath.<List<String>>read(body, "$.data.other")).contains("in-house");
    }

    @Test
    void privateReposAreNotListedCountedOrLabelledForAnonymousCallers() throws Exception {
        fixtures.model("carol/secret").owner("carol").privateRepo().label("task", "Secret Task").save();
        assertThat(names(get("/api/modelList"))).doesNotContain("carol/secret");
        mvc.perform(get("/api/modelList"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.data.numTotalItems").value(4));
        String labels = mvc.perform(get("/api/modelLabel")).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(labels, "$.data.task")).doesNotContain("Secret Task");
        mvc.perform(get("/api/model").param("name", "carol/secret"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.msg").value("no such item"));
    }

    private List<String> names(MockHttpServletRequestBuilder request) throws Exception {
        String body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String key = body.contains("\"datasetList\"") ? "datasetList" : "modelList";
        return JsonPath.read(body, "$.data." + key + "[*].name");
    }
}
