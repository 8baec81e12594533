package io.modellibrary.catalog;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Pages of 30 and the refusals of malformed or hostile list parameters. */
@EmptyCatalogueTest
class CatalogPagingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    @BeforeEach
    void seventyModels() {
        fixtures.clearCatalogue();
        for (int i = 0; i < 70; i++) {
            fixtures.model("org/model-%02d".formatted(i)).downloads(i).label("task", "Fill-Mask").save();
        }
    }

    @Test
    void firstPageHasThirtyAndLastPageTheRest() throws Exception {
        mvc.perform(get("/api/modelList").param("pageIndex", "1"))
                .andExpect(jsonPath("$.data.modelList", hasSize(30)))
                .andExpect(jsonPath("$.data.modelList[0].name").value("org/model-69"))
                .andExpect(jsonPath("$.data.numTotalItems").value(70));
        mvc.perform(get("/api/modelList").param("pageIndex", "2"))
                .andExpect(jsonPath("$.data.modelList[0].name").value("org/model-39"));
        mvc.perform(get("/api/modelList").param("pageIndex", "3"))
                .andExpect(jsonPath("$.data.modelList", hasSize(10)))
                .andExpect(jsonPath("$.data.modelList[9].name").value("org/model-00"));
    }

    @Test
    void pagePastTheEndIsEmptyWithTheRightTotal() throws Exception {
        mvc.perform(get("/api/modelList").param("pageIndex", "4").param("task", "fill-mask"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.modelList", hasSize(0)))
                .andExpect(jsonPath("$.data.numTotalItems").value(70));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "99999999999"})
    void badPageIndexIsRefused(String pageIndex) throws Exception {
        mvc.perform(get("/api/modelList").param("pageIndex", pageIndex))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg", containsString("pageIndex")));
    }

    @Test
    void unknownSortTypeIsRefused() throws Exception {
        mvc.perform(get("/api/modelList").param("sortType", "random"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg", containsString("sortType")));
    }

    @Test
    void overlongNameIsRefused() throws Exception {
        mvc.perform(get("/api/modelList").param("name", "x".repeat(201)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg", containsString("name")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"task%5B%24ne%5D=x", "name%5B%24regex%5D=.*", "language%5B%24in%5D=English", "%24where=1"})
    void operatorShapedParametersAreRefused(String query) throws Exception {
        mvc.perform(get(java.net.URI.create("/api/modelList?" + query)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg", containsString("unsupported parameter")));
    }

    @Test
    void operatorTextInAValueIsJustText() throws Exception {
        mvc.perform(get("/api/modelList").param("task", "{\"$ne\":null}").param("name", "{\"$gt\":\"\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.numTotalItems").value(0));
    }
}
