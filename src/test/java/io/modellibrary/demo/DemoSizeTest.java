package io.modellibrary.demo;

import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * {@code modellibrary.demo-size} scales the demo catalogue (the benchmark loads 10,000; the
 * default is 450); here {@value DemoFilesTest#DEMO_SIZE}, without files. Not DemoFilesTest's
 * context: that one adds a repository of its own, which would be counted.
 * Its own data directory: this context lives beside the shared one, and two embedded
 * servers cannot open the same store file.
 */
@FullStackTest
@TestPropertySource(properties = {"modellibrary.demo-data=true", "modellibrary.demo-size=" + DemoFilesTest.DEMO_SIZE,
        "modellibrary.demo-files=false"})
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
