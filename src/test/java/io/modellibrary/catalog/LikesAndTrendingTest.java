package io.modellibrary.catalog;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.org.OrgFixtures;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static io.modellibrary.support.Users.alice;
import static io.modellibrary.support.Users.as;
import static io.modellibrary.support.Users.bob;
import static io.modellibrary.support.Users.carol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/** Likes, the most-likes order, trending and the caller's own repositories. */
@EmptyCatalogueTest
class LikesAndTrendingTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    OrgFixtures orgs;
    @Autowired
    TrendingService trending;

    @BeforeEach
    void repositories() {
        fixtures.clearCatalogue();
        orgs.acme();
        fixtures.model("org/popular").downloads(1000).modified("2024-01-01T00:00:00Z").save();
        fixtures.model("org/quiet").downloads(10).modified("2024-02-01T00:00:00Z").save();
        fixtures.dataset("org/data").downloads(500).save();
        fixtures.model("alice/private").owner("alice").privateRepo().modified("2024-03-01T00:00:00Z").save();
        fixtures.model("acme/team-private").owner("acme").privateRepo().modified("2024-04-01T00:00:00Z").save();
    }

    @Test
    void likingTwiceCountsOnceAndUnlikingTakesItBack() throws Exception {
        like("org/quiet", alice()).andExpect(jsonPath("$.data.likes").value(1)).andExpect(jsonPath("$.data.liked").value(true));
        like("org/quiet", alice()).andExpect(jsonPath("$.data.likes").value(1));
        like("org/quiet", bob()).andExpect(jsonPath("$.data.likes").value(2));
        mvc.perform(delete("/api/like").param("name", "org/quiet").with(as(alice())))
                .andExpect(jsonPath("$.data.likes").value(1)).andExpect(jsonPath("$.data.liked").value(false));
        mvc.perform(delete("/api/like").param("name", "org/quiet").with(as(alice())))
                .andExpect(jsonPath("$.data.likes").value(1));
        mvc.perform(get("/api/model").param("name", "org/quiet")).andExpect(jsonPath("$.data.options.likes").value(1));
    }

    @Test
    void mostLikesOrdersByLikes() throws Exception {
        like("org/quiet", alice());
        like("org/quiet", bob());
        like("org/popular", bob());
        String body = mvc.perform(get("/api/modelList").param("sortType", "most-likes")).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(body, "$.data.modelList[*].name")).containsExactly("org/quiet", "org/popular");
        assertThat(JsonPath.<List<Integer>>read(body, "$.data.modelList[*].likes")).containsExactly(2, 1);
    }

    @Test
    void trendingReflectsRecentLikesAndHidesPrivateRepositories() throws Exception {
        assertThat(trendingNames()).startsWith("org/popular", "org/data").doesNotContain("alice/private");
        like("org/quiet", alice());
        like("org/quiet", bob());
        like("alice/private", alice());
        assertThat(trendingNames()).startsWith("org/quiet").doesNotContain("alice/private", "acme/team-private");
        trending.recompute();
        assertThat(trendingNames()).startsWith("org/quiet").hasSize(3);
        mvc.perform(get("/api/trendingList")).andExpect(jsonPath("$.data.list[0].type").value("model"));
    }

    @Test
    void personalFilesListTheCallersAndTheirTeamsRepositoriesPrivateOnesIncluded() throws Exception {
        assertThat(personal(alice())).containsExactly("acme/team-private", "alice/private");
        assertThat(personal(carol())).containsExactly("acme/team-private");
        assertThat(personal(bob())).isEmpty();
        mvc.perform(post("/api/personalFiles").with(as(alice())))
                .andExpect(jsonPath("$.data.list[0].isPrivate").value(true))
                .andExpect(jsonPath("$.data.list[0]._id").isString());
    }

    private org.springframework.test.web.servlet.ResultActions like(String name, io.modellibrary.security.CurrentUser user) throws Exception {
        return mvc.perform(post("/api/like").param("name", name).param("type", "model").with(as(user)));
    }

    private List<String> trendingNames() throws Exception {
        return JsonPath.read(mvc.perform(get("/api/trendingList")).andReturn().getResponse().getContentAsString(), "$.data.list[*].name");
    }

    private List<String> personal(io.modellibrary.security.CurrentUser user) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/personalFiles").with(as(user))).andReturn().getResponse().getContentAsString(), "$.data.list[*].name");
    }
}
