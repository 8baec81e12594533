package io.modellibrary.web;

import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import io.modellibrary.support.Images;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The account, settings and organisation pages: their statuses, the sign-in they need, their CSRF
 * tokens, and the API's rules behind them (a token shown once and refused once revoked, sessions
 * ended by a password change or sign-out everywhere, members shown to members, only admins
 * managing members, private repositories absent from profiles for others).
 */
@EmptyCatalogueTest
class AccountPagesTest {

    private static final Pattern TOKEN = Pattern.compile("hf_[A-Za-z0-9_-]{20,}");

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    Fixtures fixtures;

    private static Cookie session(Accounts.SignedIn user) {
        return new Cookie(WebPages.SESSION_COOKIE, user.token());
    }

    /** The session cookie a response sets last (a browser keeps the last; the first may be the old session's renewal). */
    private static Cookie sessionFrom(MvcResult result) {
        String set = result.getResponse().getHeaders(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith(WebPages.SESSION_COOKIE + "=")).reduce((first, second) -> second).orElseThrow();
        return new Cookie(WebPages.SESSION_COOKIE, set.substring(set.indexOf('=') + 1, set.indexOf(';')));
    }

    @Test
    void signingUpWithAnAvatarShowsItOnTheProfile() throws Exception {
        String name = Accounts.uniqueName("webavatar");
        MvcResult result = mvc.perform(multipart("/signup").file(new MockMultipartFile("avatar", "me.png", "image/png", Images.png()))
                        .param("username", name).param("password", Accounts.PASSWORD).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        String page = mvc.perform(get("/" + name).cookie(sessionFrom(result)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<h1>" + name + "</h1>").doesNotContain("defaultAvatar.png");
        assertThat(Pattern.compile("src=\"/images/[0-9a-f]{32}\\.png\"").matcher(page).find()).as(page).isTrue();
    }

    @Test
    void theAvatarIsReplacedOnTheProfileSettingsAndTheOldImageIsDeleted() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webnewavatar");
        MockMultipartFile image = new MockMultipartFile("avatar", "new.gif", "image/gif", Images.gif());
        mvc.perform(multipart("/settings/profile/avatar").file(image).cookie(session(alice)))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/settings/profile/avatar").file(image).cookie(session(alice)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/settings/profile"));
        String page = mvc.perform(get("/settings/profile").cookie(session(alice))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher avatar = Pattern.compile("src=\"(/images/[0-9a-f]{32}\\.gif)\"").matcher(page);
        assertThat(avatar.find()).as(page).isTrue();
        mvc.perform(get(avatar.group(1))).andExpect(status().isOk());
        mvc.perform(multipart("/settings/profile/avatar").file(new MockMultipartFile("avatar", "x.png", "image/png", Images.png()))
                .cookie(session(alice)).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(get(avatar.group(1))).andExpect(status().isNotFound());
        mvc.perform(multipart("/settings/profile/avatar").file(new MockMultipartFile("avatar", "x.txt", "text/plain", "hello".getBytes()))
                        .cookie(session(alice)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("avatar must be a PNG")));
    }

    /** The header shows the signed-in user's avatar beside their name once they have one, on every page (W20). */
    @Test
    void theHeaderShowsTheSignedInUsersAvatarOnceTheyHaveOne() throws Exception {
        Accounts.SignedIn bea = accounts.signUp("webheadavatar");
        for (String url : new String[]{"/models", "/" + bea.username(), "/settings/profile"}) {
            String plain = mvc.perform(get(url).cookie(session(bea))).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(topHeader(plain)).as(url).contains("class=\"whoami\"").doesNotContain("<img class=\"avatar\"")
                    .doesNotContain("defaultAvatar.png");
        }
        mvc.perform(multipart("/settings/profile/avatar").file(new MockMultipartFile("avatar", "me.png", "image/png", Images.png()))
                .cookie(session(bea)).with(csrf())).andExpect(status().is3xxRedirection());
        for (String url : new String[]{"/models", "/" + bea.username(), "/no-such-user-here/no-such-model"}) {
            String page = mvc.perform(get(url).cookie(session(bea))).andReturn().getResponse().getContentAsString();
            Matcher shown = Pattern.compile("<summary><img class=\"avatar\" src=\"(/images/[0-9a-f]{32}\\.png)\" alt=\"Your avatar\""
                    + " width=\"24\" height=\"24\"><span\\s+class=\"visually-hidden\">Account menu of </span><span class=\"whoami\" title=\""
                    + bea.username() + "\">" + bea.username() + "</span>").matcher(topHeader(page));
            assertThat(shown.find()).as(url + ": " + topHeader(page)).isTrue();
            mvc.perform(get(shown.group(1))).andExpect(status().isOk());
        }
        assertThat(topHeader(mvc.perform(get("/models")).andReturn().getResponse().getContentAsString()))
                .as("nobody signed in").doesNotContain("<img class=\"avatar\"").doesNotContain("whoami");
    }

    /** The page's {@code <header class="top">}. */
    private static String topHeader(String page) {
        return page.substring(page.indexOf("<header class=\"top\">"), page.indexOf("</header>") + "</header>".length());
    }

    /** A newcomer's probe, session 17: 17 bytes starting like a GIF were accepted (200, no message), the avatar broken everywhere. */
    @Test
    void aFileThatOnlyStartsLikeAnImageIsRefusedOnTheSettingsPageAndTheAvatarStays() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webfakegif");
        String before = mvc.perform(get("/settings/profile").cookie(session(alice))).andReturn().getResponse().getContentAsString();
        Matcher avatar = Pattern.compile("class=\"avatar[^\"]*\"[^>]*src=\"([^\"]+)\"|src=\"([^\"]+)\"[^>]*class=\"avatar").matcher(before);
        assertThat(avatar.find()).as(before).isTrue();
        String shown = avatar.group(1) != null ? avatar.group(1) : avatar.group(2);

        String refused = mvc.perform(multipart("/settings/profile/avatar")
                        .file(new MockMultipartFile("avatar", "me.png", "image/png", "GIF89a-not-really".getBytes(StandardCharsets.US_ASCII)))
                        .cookie(session(alice)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("role=\"alert\"").contains("avatar is not a valid GIF image: it cannot be read as one")
                .contains("src=\"" + shown + "\"");
        assertThat(mvc.perform(get("/settings/profile").cookie(session(alice))).andReturn().getResponse().getContentAsString())
                .contains("src=\"" + shown + "\"");
    }

    @Test
    void aTakenNameIsSaidInWordsOnTheSignUpPage() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webtaken");
        mvc.perform(multipart("/signup").param("username", alice.username()).param("password", Accounts.PASSWORD).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("This name is already taken")))
                .andExpect(content().string(not(containsString("user name registered"))))
                .andExpect(content().string(containsString("value=\"" + alice.username() + "\"")));
    }

        @Test
    void aSignUpWithSomethingElseThanAnImageIsRefusedOnTheForm() throws Exception {
        String name = Accounts.uniqueName("webnotimage");
        mvc.perform(multipart("/signup").file(new MockMultipartFile("avatar", "x.png", "image/png", "<svg/>".getBytes()))
                        .param("username", name).param("password", Accounts.PASSWORD).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("avatar must be a PNG, JPEG, GIF or WebP image")));
        mvc.perform(get("/" + name)).andExpect(status().isNotFound());
    }

    @Test
    void aProfileListsTheRepositoriesTheCallerMaySee() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webprofile");
        Accounts.SignedIn bob = accounts.signUp("webvisitor");
        fixtures.model(alice.username() + "/open-weights").save();
        fixtures.model(alice.username() + "/secret-weights").privateRepo().save();
        fixtures.dataset(alice.username() + "/open-rows").save();
        for (MockHttpServletRequestBuilder visit : new MockHttpServletRequestBuilder[]{
                get("/" + alice.username()), get("/" + alice.username()).cookie(session(bob))}) {
            mvc.perform(visit).andExpect(status().isOk())
                    .andExpect(content().string(containsString(alice.username() + "/open-weights")))
                    .andExpect(content().string(containsString(alice.username() + "/open-rows")))
                    .andExpect(content().string(not(containsString("secret-weights"))));
        }
        mvc.perform(get("/" + alice.username()).cookie(session(alice))).andExpect(status().isOk())
                .andExpect(content().string(containsString(alice.username() + "/secret-weights")))
                .andExpect(content().string(containsString("Edit profile")));
    }

    @Test
    void aNameOfNobodyIsStillANamespaceLessModelOrNotFound() throws Exception {
        fixtures.model("webbare-model").save();
        mvc.perform(get("/webbare-model")).andExpect(status().isOk()).andExpect(content().string(containsString("use-this")));
        mvc.perform(get("/webnobody-at-all")).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is nothing here, or you may not see it.")));
    }

    @Test
    void settingsPagesSendAnonymousCallersToTheSignInPage() throws Exception {
        for (String path : new String[]{"/settings", "/settings/profile", "/settings/tokens", "/settings/password",
                "/settings/account", "/organizations/new", "/organizations/anything/settings/members"}) {
            mvc.perform(get(path)).andExpect(status().is3xxRedirection())
                    .andExpect(header().string(HttpHeaders.LOCATION, startsWith("/login?next=")));
        }
        Accounts.SignedIn alice = accounts.signUp("websettings");
        for (String path : new String[]{"/settings/profile", "/settings/tokens", "/settings/password", "/settings/account",
                "/organizations/new"}) {
            mvc.perform(get(path).cookie(session(alice))).andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));
        }
    }

    @Test
    void everyNewFormWithoutItsCsrfTokenIsRefused() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webacsrf");
        for (String path : new String[]{"/settings/profile/avatar", "/settings/tokens", "/settings/tokens/abc/delete",
                "/settings/password", "/settings/account/logout-all", "/settings/account/delete", "/organizations/new",
                "/organizations/acme/join", "/organizations/acme/leave", "/organizations/acme/invitation/accept",
                "/organizations/acme/invitation/decline", "/organizations/acme/settings/members/bob/role",
                "/organizations/acme/settings/members/bob/remove", "/organizations/acme/settings/members/requests/bob/accept",
                "/organizations/acme/settings/members/requests/bob/decline", "/organizations/acme/settings/members/invitations"}) {
            mvc.perform(post(path).cookie(session(alice)).param("name", "x").param("confirm", alice.username()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/settings/profile").cookie(session(alice))).andExpect(status().isOk());
    }

    @Test
    void aReadTokenIsShownOnceWorksWithTheApiAndIsRefusedOnceRevoked() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webtoken");
        String page = mvc.perform(post("/settings/tokens").with(csrf()).cookie(session(alice)).param("name", "notebook").param("role", "read"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher shown = TOKEN.matcher(page);
        assertThat(shown.find()).as("the token is on the page").isTrue();
        String token = shown.group();
        mvc.perform(get("/api/whoami-v2").with(Accounts.bearer(token))).andExpect(status().isOk())
                .andExpect(content().string(containsString("\"role\":\"read\"")));
        String list = mvc.perform(get("/settings/tokens").cookie(session(alice))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("notebook").doesNotContain(token);
        String id = Pattern.compile("/settings/tokens/([0-9a-f]+)/delete").matcher(list).results().findFirst().orElseThrow().group(1);
        mvc.perform(post("/settings/tokens/" + id + "/delete").with(csrf()).cookie(session(alice)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/whoami-v2").with(Accounts.bearer(token))).andExpect(status().isUnauthorized());
        mvc.perform(post("/settings/tokens/" + id + "/delete").with(csrf()).cookie(session(alice))).andExpect(status().isNotFound());
    }

    @Test
    void anAdminTokenOrABlankNameIsRefusedOnTheForm() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webbadtoken");
        mvc.perform(post("/settings/tokens").with(csrf()).cookie(session(alice)).param("name", "x").param("role", "admin"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("role must be read or write")));
        mvc.perform(post("/settings/tokens").with(csrf()).cookie(session(alice)).param("name", " ").param("role", "read"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("name")));
    }

    /** A probe sent {@code role} twice and read "role must be one of read, write, admin": neither the problem nor a token's roles. */
    @Test
    void aRoleSentTwiceOrUnknownIsRefusedSayingSo() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webtworoles");
        mvc.perform(post("/settings/tokens").with(csrf()).cookie(session(alice)).param("name", "x").param("role", "read", "write"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("role was sent 2 times; choose one: read or write")));
        mvc.perform(post("/settings/tokens").with(csrf()).cookie(session(alice)).param("name", "x").param("role", "owner"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("role must be read or write")));
        mvc.perform(post("/api/tokens").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"role\":\"owner\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.msg").value("role must be read or write"));
        String list = mvc.perform(get("/settings/tokens").cookie(session(alice))).andReturn().getResponse().getContentAsString();
        assertThat(list).as("no token made").doesNotContainPattern("/settings/tokens/[0-9a-f]+/delete");
    }

    @Test
    void aPasswordChangeEndsOtherSessionsAndKeepsThisOne() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webpassword");
        Cookie other = new Cookie(WebPages.SESSION_COOKIE, accounts.login(alice.username()));
        mvc.perform(post("/settings/password").with(csrf()).cookie(session(alice))
                        .param("currentPassword", "not the password").param("newPassword", "a new long password"))
                .andExpect(status().isForbidden()).andExpect(content().string(containsString("the password is wrong")));
        MvcResult changed = mvc.perform(post("/settings/password").with(csrf()).cookie(session(alice))
                        .param("currentPassword", Accounts.PASSWORD).param("newPassword", "a new long password"))
                .andExpect(status().is3xxRedirection()).andReturn();
        mvc.perform(get("/settings/password").cookie(sessionFrom(changed))).andExpect(status().isOk());
        mvc.perform(get("/settings/password").cookie(other)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/login").with(csrf()).param("username", alice.username()).param("password", "a new long password"))
                .andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/"));
    }

    @Test
    void signingOutEverywhereEndsEverySessionButNotAccessTokens() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webeverywhere");
        String apiSession = accounts.login(alice.username());
        mvc.perform(post("/settings/account/logout-all").with(csrf()).cookie(session(alice)))
                .andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/login"));
        mvc.perform(get("/settings/account").cookie(session(alice))).andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/whoami-v2").with(Accounts.bearer(apiSession))).andExpect(status().isUnauthorized());
    }

    @Test
    void deletingTheAccountNeedsTheNameTypedAndThePassword() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webdelete");
        fixtures.model(alice.username() + "/goes-too").save();
        mvc.perform(post("/settings/account/delete").with(csrf()).cookie(session(alice)).param("confirm", "someone")
                        .param("password", Accounts.PASSWORD))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("to confirm")));
        mvc.perform(post("/settings/account/delete").with(csrf()).cookie(session(alice)).param("confirm", alice.username())
                        .param("password", "wrong password"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/" + alice.username())).andExpect(status().isOk());
        mvc.perform(post("/settings/account/delete").with(csrf()).cookie(session(alice)).param("confirm", alice.username())
                        .param("password", Accounts.PASSWORD))
                .andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/"));
        mvc.perform(get("/" + alice.username())).andExpect(status().isNotFound());
        mvc.perform(get("/" + alice.username() + "/goes-too")).andExpect(status().isNotFound());
    }

    @Test
    void anOrganisationIsCreatedJoinedOnRequestAndManagedByItsAdminOnly() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("weborgadmin");
        Accounts.SignedIn bob = accounts.signUp("weborgbob");
        String org = Accounts.uniqueName("weborg");
        String members = "/organizations/" + org + "/settings/members";
        mvc.perform(post("/organizations/new").with(csrf()).cookie(session(alice)).param("name", org))
                .andExpect(status().is3xxRedirection()).andExpect(header().string(HttpHeaders.LOCATION, "/" + org));
        mvc.perform(post("/organizations/new").with(csrf()).cookie(session(bob)).param("name", org))
                .andExpect(status().isConflict()).andExpect(content().string(containsString("is taken")));
        mvc.perform(get("/" + org).cookie(session(bob))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Request to join")))
                .andExpect(content().string(containsString("Members are shown to members.")))
                .andExpect(content().string(not(containsString(">" + alice.username() + "</a>"))));
        mvc.perform(get(members).cookie(session(bob))).andExpect(status().isForbidden());
        mvc.perform(post("/organizations/" + org + "/join").with(csrf()).cookie(session(bob))).andExpect(status().is3xxRedirection());
        mvc.perform(get("/" + org).cookie(session(bob))).andExpect(content().string(containsString("waiting for an admin")));
        mvc.perform(get(members).cookie(session(alice))).andExpect(status().isOk())
                .andExpect(content().string(containsString("requests/" + bob.username() + "/accept")));
        mvc.perform(post(members + "/requests/" + bob.username() + "/accept").with(csrf()).cookie(session(alice)).param("role", "read"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/" + org).cookie(session(bob))).andExpect(status().isOk())
                .andExpect(content().string(containsString(">" + alice.username() + "</a>")))
                .andExpect(content().string(containsString("Leave")));
        mvc.perform(get("/" + org).cookie(session(alice))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/leave\""))))
                .andExpect(content().string(containsString("You are its only admin")));
        mvc.perform(post(members + "/" + alice.username() + "/role").with(csrf()).cookie(session(bob)).param("role", "read"))
                .andExpect(status().isForbidden());
        mvc.perform(post(members + "/" + alice.username() + "/role").with(csrf()).cookie(session(alice)).param("role", "read"))
                .andExpect(status().isConflict());
        mvc.perform(post(members + "/" + bob.username() + "/role").with(csrf()).cookie(session(alice)).param("role", "write"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/" + bob.username())).andExpect(content().string(containsString("href=\"/" + org + "\"")));
    }

    @Test
    void aRefusedJoinRequestGrantsNothing() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("webrefuser");
        Accounts.SignedIn carol = accounts.signUp("webrefused");
        String org = Accounts.uniqueName("webrefusing");
        String members = "/organizations/" + org + "/settings/members";
        mvc.perform(post("/organizations/new").with(csrf()).cookie(session(alice)).param("name", org)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/organizations/" + org + "/join").with(csrf()).cookie(session(carol))).andExpect(status().is3xxRedirection());
        mvc.perform(post(members + "/requests/" + carol.username() + "/decline").with(csrf()).cookie(session(carol)))
                .andExpect(status().isForbidden());
        mvc.perform(post(members + "/requests/" + carol.username() + "/decline").with(csrf()).cookie(session(alice)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/" + org).cookie(session(carol))).andExpect(content().string(containsString("Request to join")));
        mvc.perform(post(members + "/requests/" + carol.username() + "/accept").with(csrf()).cookie(session(alice)))
                .andExpect(status().isNotFound());
    }

    @Test
    void anOrganisationsPrivateRepositoriesAreShownToItsMembersOnly() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("weborgprivate");
        Accounts.SignedIn eve = accounts.signUp("weborgoutsider");
        String org = Accounts.uniqueName("weborgp");
        mvc.perform(post("/organizations/new").with(csrf()).cookie(session(alice)).param("name", org)).andExpect(status().is3xxRedirection());
        fixtures.model(org + "/internal-model").privateRepo().save();
        mvc.perform(get("/" + org).cookie(session(alice))).andExpect(content().string(containsString(org + "/internal-model")));
        mvc.perform(get("/" + org).cookie(session(eve))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("internal-model"))));
        mvc.perform(get("/" + org + "/internal-model").cookie(session(eve))).andExpect(status().isNotFound());
        mvc.perform(get("/organizations/no-such-org-here/settings/members").cookie(session(eve))).andExpect(status().isNotFound());
    }
}
