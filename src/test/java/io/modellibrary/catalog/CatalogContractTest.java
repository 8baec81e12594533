package io.modellibrary.catalog;

import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The seed API's responses (docs/http-contract.md#the-seed-api), field for field, against the demo catalogue. */
@FullStackTest
@TestPropertySource(properties = {"modellibrary.demo-data=true", "modellibrary.demo-files=false"})
class CatalogContractTest {

    private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Autowired
    MockMvc mvc;

    @Test
    void modelLabelsListEveryFacetIncludingTheSeedsLabels() throws Exception {
        mvc.perform(get("/api/modelLabel"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("no login"))
                .andExpect(jsonPath("$.data.task", hasItems("Robotics", "Feature Extraction", "Text-to-Image",
                        "Image-to-Text", "Text-to-Video", "Visual Question Answering", "Audio-to-Audio",
                        "Token Classification", "Object Detection", "Image Segmentation",
                        "Zero-Shot Classification", "Audio Classification")))
                .andExpect(jsonPath("$.data.library", hasItems("SpanMarker", "TF Lite", "Sentence Transformers",
                        "Timm", "Adapter Transformers", "Rust", "PaddlePaddle", "OpenCLIP", "ESPnet", "Stanza", "NeMo")))
                .andExpect(jsonPath("$.data.dataset", hasItems("wikipedia", "mozilla-foundation/common_voice_11_0",
                        "conll2003", "clinc_oos", "wmt16", "universal_dependencies", "sst2", "billsum", "snli",
                        "amazon_reviews_multi")))
                .andExpect(jsonPath("$.data.language", hasItems("Spanish", "Japanese", "German", "Hindi", "Finnish",
                        "Bengali", "Danish", "Estonian", "Tamil", "English")))
                .andExpect(jsonPath("$.data.other", hasItems("Carbon Emissions", "Eval Results", "Has a Space",
                        "AutoTrain Compatible")));
    }

    @Test
    void datasetLabelsHaveTheSizeBuckets() throws Exception {
        mvc.perform(get("/api/datasetLabel"))
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.data.size", hasItems("n<1K", "1K<n<10K", "n>1T")))
                .andExpect(jsonPath("$.data.task").isArray())
                .andExpect(jsonPath("$.data.language").isArray())
                .andExpect(jsonPath("$.data.other").isArray());
    }

    @Test
    void modelListHasTheSeedsFieldsAndThirtyItems() throws Exception {
        mvc.perform(get("/modelList"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("no login"))
                .andExpect(jsonPath("$.data.modelList", hasSize(30)))
                .andExpect(jsonPath("$.data.numTotalItems", is(330)))
                .andExpect(jsonPath("$.data.modelList[*]._id", everyItem(matchesPattern("[0-9a-f]{24}"))))
                .andExpect(jsonPath("$.data.modelList[*].name", everyItem(instanceOf(String.class))))
                .andExpect(jsonPath("$.data.modelList[*].author", everyItem(instanceOf(String.class))))
                .andExpect(jsonPath("$.data.modelList[*].lastModified", everyItem(matchesPattern(ISO_MILLIS))))
                .andExpect(jsonPath("$.data.modelList[*].type", everyItem(is("model"))))
                .andExpect(jsonPath("$.data.modelList[*].downloads", everyItem(instanceOf(Number.class))));
    }

    @Test
    void theSeedsModelsAreInTheDemoCatalogueWithTheirDownloads() throws Exception {
        mvc.perform(get("/api/modelList").param("name", "dslim/bert-large-NER"))
                .andExpect(jsonPath("$.data.modelList[0].name").value("dslim/bert-large-NER"))
                .andExpect(jsonPath("$.data.modelList[0].downloads").value(880584))
                .andExpect(jsonPath("$.data.modelList[0].lastModified").value("2023-05-02T18:47:00.000Z"));
    }

    @Test
    void datasetListUsesItsOwnKey() throws Exception {
        mvc.perform(get("/api/datasetList"))
                .andExpect(jsonPath("$.data.datasetList", hasSize(30)))
                .andExpect(jsonPath("$.data.datasetList[*].type", everyItem(is("dataset"))))
                .andExpect(jsonPath("$.data.numTotalItems", is(120)));
    }

    @Test
    void modelDetailHasTheSeedsShape() throws Exception {
        mvc.perform(get("/api/model").param("name", "dslim/bert-base-NER"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(jsonPath("$.data.activeFilters.task").isArray())
                .andExpect(jsonPath("$.data.activeFilters.library").isArray())
                .andExpect(jsonPath("$.data.activeFilters.dataset").isArray())
                .andExpect(jsonPath("$.data.activeFilters.other").isArray())
                .andExpect(jsonPath("$.data.activeFilters.language").isArray())
                .andExpect(jsonPath("$.data.options.lastModified").value("2023-05-09T16:37:00.000Z"))
                .andExpect(jsonPath("$.data.options.lastModifiedInformation").isString())
                .andExpect(jsonPath("$.data.options.name").value("dslim/bert-base-NER"))
                .andExpect(jsonPath("$.data.options.author").isString())
                .andExpect(jsonPath("$.data.options.avatar").value(matchesPattern("/images/.+")))
                .andExpect(jsonPath("$.data.options.downloads").value(717311))
                .andExpect(jsonPath("$.data.options.id").value(matchesPattern("[0-9a-f]{24}")))
                .andExpect(jsonPath("$.data.options.type").value("model"))
                .andExpect(jsonPath("$.data.options.isPrivate").value(false));
    }

    @Test
    void datasetDetailHasTheDatasetFacets() throws Exception {
        String name = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/datasetList"))
                .andReturn().getResponse().getContentAsString(), "$.data.datasetList[0].name");
        mvc.perform(get("/api/dataset").param("name", name))
                .andExpect(jsonPath("$.data.activeFilters.size").isArray())
                .andExpect(jsonPath("$.data.activeFilters.library").doesNotExist())
                .andExpect(jsonPath("$.data.options.type").value("dataset"));
    }

    @Test
    void unknownRepositoryIsNoSuchItem() throws Exception {
        mvc.perform(get("/api/model").param("name", "nobody/nothing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("no such item"))
                .andExpect(jsonPath("$.data").doesNotExist());
    }

    @Test
    void swaggerDocsDescribeTheCatalogue() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/modelList'].get.parameters[*].name", hasItems("task", "name", "sortType", "pageIndex")))
                .andExpect(jsonPath("$.paths['/api/datasetList'].get.parameters[*].name", hasItems("size", "name")))
                .andExpect(jsonPath("$.paths['/api/model'].get.parameters[0].schema.type").value("string"))
                .andExpect(jsonPath("$.paths['/api/dataset'].post.requestBody").exists())
                .andExpect(jsonPath("$.paths['/modelList'].get").exists())
                .andExpect(jsonPath("$.paths['/datasetList']").doesNotExist())
                .andExpect(jsonPath("$.paths['/api/{type}List']").doesNotExist())
                .andExpect(jsonPath("$.components.schemas.Create.properties.other").doesNotExist())
                .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
    }

    @Test
    void healthIsPublicAndUp() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/env")).andExpect(status().is4xxClientError());
    }
}
