package io.modellibrary.catalog;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Images;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Repositories as registered users see them, signed in with their real tokens. */
@EmptyCatalogueTest
class RepoWithRealAccountsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @Test
    void aNewRepositoryShowsItsCreatorsNameAndAvatar() throws Exception {
        String name = Accounts.uniqueName("av");
        String token = accounts.register(name, null, Images.png());
        String avatar = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/personalInformation")
                .with(Accounts.bearer(token))).andReturn().getResponse().getContentAsString(), "$.data.avatar");
        mvc.perform(post("/api/model").with(Accounts.bearer(token)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "/first\"}"))
                .andExpect(jsonPath("$.data.options.author").value(name))
                .andExpect(jsonPath("$.data.options.avatar").value(avatar))
                .andExpect(jsonPath("$.data.options.avatar").value(not("/images/defaultAvatar.png")));
    }

    @Test
    void theProfileListsTheUsersLikesAndDropsOnesTheyCanNoLongerSee() throws Exception {
        Accounts.SignedIn owner = accounts.signUp("own");
        Accounts.SignedIn fan = accounts.signUp("fan");
        for (String repo : new String[]{"a", "b"}) {
            mvc.perform(post("/api/model").with(owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"" + owner.username() + "/" + repo + "\"}")).andExpect(status().isOk());
            mvc.perform(post("/api/like").param("name", owner.username() + "/" + repo).with(fan.bearer()))
                    .andExpect(jsonPath("$.data.likes").value(1));
        }
        mvc.perform(get("/api/personalInformation").with(fan.bearer()))
                .andExpect(jsonPath("$.code").value(1))
                .andExpect(jsonPath("$.data.username").value(fan.username()))
                .andExpect(jsonPath("$.data.likes", hasSize(2)))
                .andExpect(jsonPath("$.data.likes[0].name").value(owner.username() + "/b"));
        mvc.perform(patch("/api/model").param("name", owner.username() + "/a").with(owner.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"isPrivate\":true}")).andExpect(status().isOk());
        mvc.perform(get("/api/personalInformation").with(fan.bearer()))
                .andExpect(jsonPath("$.data.likes", hasSize(1)));
    }
}
