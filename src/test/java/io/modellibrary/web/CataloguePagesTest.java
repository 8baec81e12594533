package io.modellibrary.web;

import io.modellibrary.support.EmptyCatalogueTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The catalogue pages' refusals speak of the page's own parameters, not the seed API's. */
@EmptyCatalogueTest
class CataloguePagesTest {

    @Autowired
    MockMvc mvc;

    /** {@code /models?sort=likes} named {@code sortType}, a parameter the page does not have (found by a newcomer's probe). */
    @Test
    void anUnknownSortNamesTheSortParameter() throws Exception {
        mvc.perform(get("/models").param("sort", "likes")).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("sort must be one of most-downloads")))
                .andExpect(content().string(not(containsString("sortType"))));
    }
}
