package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web pages' security: the session JWT in an HttpOnly, SameSite=Lax cookie read for the
 * pages only, CSRF tokens on their forms, private repositories absent for those who may not see
 * them; the API's bearer-token clients need no CSRF token and are not signed in by the cookie.
 */
@EmptyCatalogueTest
class WebPagesSecurityTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Accounts accounts;

    @BeforeEach
    void catalogue() {
        fixtures.clearCatalogue();
        fixtures.model("webtest/visible-model").label("task", "Fill-Mask").save();
        fixtures.model("webtest/hidden-model").privateRepo().save();
    }

    @Test
    void theCatalogueIsAnHtmlPageShowingWhatAnonymousCallersMaySee() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("webtest/visible-model")))
                .andExpect(content().string(containsString("Fill-Mask")))
                .andExpect(content().string(not(containsString("webtest/hidden-model"))));
    }

    @Test
    void aPrivateRepositoryIsNotFoundExactlyAsAMissingOne() throws Exception {
        for (String path : new String[]{"/webtest/hidden-model", "/webtest/hidden-model/tree/main",
                "/webtest/hidden-model/commits/main", "/webtest/no-such-model", "/datasets/webtest/hidden-model"}) {
            mvc.perform(get(path)).andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("There is nothing here, or you may not see it.")));
        }
    }

    @Test
    void signingInSetsAnHttpOnlySameSiteLaxSessionCookieAndGoesBackToThePage() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webalice");
        MvcResult result = mvc.perform(post("/login").with(csrf()).param("username", alice.username())
                        .param("password", Accounts.PASSWORD).param("next", "/models?sort=alphabetical"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string(HttpHeaders.LOCATION, "/models?sort=alphabetical"))
                .andReturn();
        String cookie = result.getResponse().getHeaders(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith(WebPages.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
    }

    @Test
    void aWrongPasswordAnswersTheFormAgainWithoutACookie() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webwrong");
        MvcResult result = mvc.perform(post("/login").with(csrf()).param("username", alice.username()).param("password", "not it at all"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string(containsString("wrong username or password")))
                .andReturn();
        assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).noneMatch(c -> c.startsWith(WebPages.SESSION_COOKIE + "="));
    }

    @Test
    void aThrottledSignInSaysWhenToTryAgainInRetryAfterAsTheApiDoes() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webthrottled");
        org.springframework.test.web.servlet.request.RequestPostProcessor guesser = r -> {
            r.setRemoteAddr("10.78.0.1"); // an address of its own: the throttle counts per address
            return r;
        };
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(csrf()).with(guesser).param("username", alice.username()).param("password", "guess-" + i))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(post("/login").with(csrf()).with(guesser).param("username", alice.username()).param("password", "guess-5"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*")))
                .andExpect(content().string(containsString("too many failed logins; try again in")));
    }

    @Test
    void aSignInToAnotherSiteIsRefused() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "x").param("password", "y").param("next", "//evil.example/"))
                .andExpect(status().isUnauthorized());
        assertThat(AccountPageController.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(AccountPageController.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(AccountPageController.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(AccountPageController.safeNext("/alice/model")).isEqualTo("/alice/model");
    }

    @Test
    void webFormsWithoutTheirCsrfTokenAreRefused() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webcsrf");
        mvc.perform(post("/login").param("username", alice.username()).param("password", Accounts.PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").cookie(new Cookie(WebPages.SESSION_COOKIE, alice.token())))
                .andExpect(status().isForbidden());
        mvc.perform(post("/signup").param("username", "webcsrf-new").param("password", Accounts.PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void theSessionCookieSignsInThePagesButNotTheApi() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webcookie");
        Cookie session = new Cookie(WebPages.SESSION_COOKIE, alice.token());
        mvc.perform(get("/").cookie(session))
                .andExpect(content().string(containsString("<span class=\"whoami\" title=\"" + alice.username() + "\">" + alice.username() + "</span>")));
        mvc.perform(post("/api/model").cookie(session).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + alice.username() + "/by-cookie\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void bearerTokenClientsOfTheApiNeedNoCsrfToken() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webbearer");
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + alice.username() + "/by-bearer\",\"isPrivate\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.msg").value("success"));
        mvc.perform(get("/" + alice.username() + "/by-bearer").cookie(new Cookie(WebPages.SESSION_COOKIE, alice.token())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("private")));
    }

    @Test
    void signingOutClearsTheCookie() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("weblogout");
        MvcResult result = mvc.perform(post("/logout").with(csrf()).cookie(new Cookie(WebPages.SESSION_COOKIE, alice.token())))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE))
                .anyMatch(c -> c.startsWith(WebPages.SESSION_COOKIE + "=;") && c.contains("Max-Age=0"));
    }
}
