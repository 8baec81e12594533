package io.modellibrary.account;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Images;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static io.modellibrary.support.Accounts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A person signs up with an avatar, sees their profile and avatar, and signs in again, as the seed API describes (docs/http-contract.md#the-seed-api). */
@FullStackTest
class RegistrationJourneyTest {

    private static final String JWT = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";

    @Autowired
    MockMvc mvc;

    @Test
    void signUpWithAvatarThenProfileThenLoginAgain() throws Exception {
        String name = Accounts.uniqueName("Fwnidk");
        byte[] avatar = Images.png();

        mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + name + "\"}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"code\":1,\"msg\":\"verification successful\",\"data\":\"\"}", true));

        MvcResult registered = mvc.perform(multipart("/api/register/submitUserInfo")
                        .file(new MockMultipartFile("avatar", "me.png", "image/png", avatar))
                        .param("username", name).param("password", Accounts.PASSWORD).param("team", "iSS"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"code\":1,\"msg\":\"registration completed\",\"data\":\"\"}", true))
                .andExpect(header().string(HttpHeaders.AUTHORIZATION, matchesPattern(JWT)))
                .andReturn();
        String token = registered.getResponse().getHeader(HttpHeaders.AUTHORIZATION);

        String avatarUrl = profileShows(token, name, "iSS");
        assertThat(avatarUrl).matches("/images/[0-9a-f]{32}\\.png");
        mvc.perform(get(avatarUrl))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/png"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("max-age=31536000")))
                .andExpect(content().bytes(avatar));

        String again = loginAs(name.toLowerCase());
        assertThat(profileShows(again, name, "iSS")).isEqualTo(avatarUrl);
    }

    @Test
    void withoutAnAvatarTheProfileShowsTheDefaultOneWhichIsServed() throws Exception {
        String name = Accounts.uniqueName("plain");
        String token = new Accounts(mvc).register(name, null);

        assertThat(profileShows(token, name, "")).isEqualTo("/images/defaultAvatar.png");
        mvc.perform(get("/images/defaultAvatar.png"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/png"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void profileWithoutATokenAnswersNoLogin() throws Exception {
        mvc.perform(get("/api/personalInformation"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"code\":0,\"msg\":\"no login\",\"data\":null}", true))
                .andExpect(header().doesNotExist(HttpHeaders.AUTHORIZATION));
    }

    @Test
    void loggingInWhileSignedInAsSomeoneElseAnswersOnlyTheNewToken() throws Exception {
        Accounts accounts = new Accounts(mvc);
        Accounts.SignedIn first = accounts.signUp("first");
        Accounts.SignedIn second = accounts.signUp("second");

        MvcResult result = mvc.perform(post("/api/login").with(first.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + second.username() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}"))
                .andExpect(jsonPath("$.code").value(1))
                .andReturn();

        assertThat(result.getResponse().getHeaders(HttpHeaders.AUTHORIZATION)).hasSize(1);
        profileShows(result.getResponse().getHeader(HttpHeaders.AUTHORIZATION), second.username(), "");
    }

    private String loginAs(String username) throws Exception {
        MvcResult result = mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"password\":\"" + Accounts.PASSWORD + "\"}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"code\":1,\"msg\":\"success\",\"data\":\"\"}", true))
                .andExpect(header().string(HttpHeaders.AUTHORIZATION, matchesPattern(JWT)))
                .andReturn();
        return result.getResponse().getHeader(HttpHeaders.AUTHORIZATION);
    }

    /** Asserts the profile and answers its avatar URL. */
    private String profileShows(String token, String username, String team) throws Exception {
        MvcResult result = mvc.perform(get("/api/personalInformation").with(bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(1))
                .andExpect(jsonPath("$.msg").value("success"))
                .andExpect(jsonPath("$.data.username").value(username))
                .andExpect(jsonPath("$.data.team").value(team))
                .andReturn();
        return com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(), "$.data.avatar");
    }
}
