package io.modellibrary.demo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * {@code modellibrary.demo-size} scales the demo catalogue (the benchmark loads 10,000; the
 * default is 450); here {@value SmallDemoCatalogue#SIZE}, in the context of {@link DemoFilesTest},
 * which takes out again the repository one of its tests adds.
 */
@SmallDemoCatalogue
class DemoSizeTest {

    @Autowired
    MockMvc mvc;

    @Test
    void demoSizeSetsHowManyRepositoriesTheDemoCatalogueHolds() throws Exception {
        mvc.perform(get("/api/modelList"))
                .andExpect(jsonPath("$.data.numTotalItems").value(44)); // 60 × 330 / 450
        mvc.perform(get("/api/datasetList"))
                .andExpect(jsonPath("$.data.numTotalItems").value(16));
        mvc.perform(get("/api/model").param("name", "dslim/bert-base-NER"))
                .andExpect(jsonPath("$.msg").value("success"));
    }
}
