package io.modellibrary.catalog;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * The in-memory lists follow changes made by another server sharing the database: one
 * that writes a repository and increments the stored catalogue version.
 */
@EmptyCatalogueTest
class CatalogIndexFreshnessTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void empty() {
        fixtures.clearCatalogue();
    }

    @Test
    void aRepositoryAddedByAnotherServerIsListedAndShownWithinSeconds() throws Exception {
        fixtures.model("org/first").save();
        mvc.perform(get("/api/modelList")).andExpect(jsonPath("$.data.numTotalItems").value(1));
        mvc.perform(get("/api/model").param("name", "org/from-another-server")).andExpect(jsonPath("$.msg").value("no such item"));

        Repo elsewhere = new Repo(RepoType.MODEL, "org/from-another-server", "org", "org", "/images/defaultAvatar.png");
        elsewhere.touch(Instant.now(), "create org/from-another-server");
        mongo.insert(elsewhere);
        mongo.upsert(Query.query(Criteria.where("_id").is("model")), new Update().inc("version", 1),
                CatalogIndex.CatalogVersion.class);

        long deadline = System.nanoTime() + 10_000_000_000L;
        int total = 0;
        while (total != 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            total = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/modelList")).andReturn()
                    .getResponse().getContentAsString(), "$.data.numTotalItems");
        }
        assertThat(total).isEqualTo(2);
        String msg = "";
        while (!msg.equals("success") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            msg = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/model").param("name", "org/from-another-server"))
                    .andReturn().getResponse().getContentAsString(), "$.msg");
        }
        assertThat(msg).isEqualTo("success");
    }
}
