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

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
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

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                mvc.perform(get("/api/modelList")).andExpect(jsonPath("$.data.numTotalItems").value(2)));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                mvc.perform(get("/api/model").param("name", "org/from-another-server"))
                        .andExpect(jsonPath("$.msg").value("success")));
    }
}
