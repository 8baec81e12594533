package io.modellibrary.web;

import io.modellibrary.files.MultipartBody;
import io.modellibrary.security.WebPages;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.support.WebTestUtils;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * Forged page forms, as an attacker's probe sent them: a CSRF cookie planted by another application
 * of the same host (cookies ignore ports) with a token of the attacker's choice, masked offline as
 * Spring masks it; a form auto-posted from another origin with a right token; a token in a form's
 * address. The pages' own forms, sent as a browser sends them, keep working.
 *
 * <p>Every request here runs against the application's own token repository: spring-security-test's
 * {@code csrf()}, which other tests of this shared context use, swaps its own into the pages' CSRF
 * filter for good, and {@link #theApplicationsTokens} puts the application's back.
 */
@EmptyCatalogueTest
class PageFormForgeryTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    CsrfTokenRepository pageCsrfTokens;
    @Autowired
    Fixtures fixtures;
    @LocalServerPort
    int port;

    @Test
    void aCsrfCookiePlantedByAnotherAppOfTheHostCannotForgeASignedInForm() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("forged");
        String planted = "chosen-by-the-attacker-0123456789";
        String name = Accounts.uniqueName("forged-repo");
        MockHttpServletResponse answer = send(newModel(alice, name).cookie(session(alice.token()), new Cookie("XSRF-TOKEN", planted))
                .param("_csrf", masked(planted)));
        assertThat(answer.getStatus()).isEqualTo(403);
        assertThat(answer.getContentAsString()).contains("security token");
        assertNoRepository(alice, name);

        String secret = Accounts.uniqueName("forged-private");
        mvc.perform(post("/api/model").with(alice.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + alice.username() + "/" + secret + "\",\"isPrivate\":true}")).andExpect(jsonPath("$.msg").value("success"));
        answer = send(post("/" + alice.username() + "/" + secret + "/settings/visibility")
                .cookie(session(alice.token()), new Cookie("XSRF-TOKEN", planted)).param("_csrf", masked(planted)).param("visibility", "public"));
        assertThat(answer.getStatus()).isEqualTo(403);
        assertThat(send(get("/" + alice.username() + "/" + secret)).getStatus()).as("still private: absent to strangers").isEqualTo(404);
    }

    @Test
    void aSignedInFormsTokenIsItsSessionsAndNoOtherSessionsOfTheSameUser() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("ownsession");
        Browser browser = new Browser(alice.token());
        String token = csrfField(browser.send(get("/new")));
        String name = Accounts.uniqueName("one-session");

        Browser elsewhere = new Browser(accounts.login(alice.username())); // a second sign-in, its cookies beside the first's
        elsewhere.cookies.putAll(browser.cookiesBut(WebPages.SESSION_COOKIE));
        MockHttpServletResponse refused = elsewhere.send(newModel(alice, name).param("_csrf", token));
        assertThat(refused.getStatus()).as("the first session's token, sent with the second session").isEqualTo(403);
        assertNoRepository(alice, name);

        MockHttpServletResponse created = browser.send(newModel(alice, name).param("_csrf", token));
        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(browser.send(get("/" + alice.username() + "/" + name)).getStatus()).isEqualTo(200);
    }

    @Test
    void aFormSentFromAnotherSiteOrPortIsRefusedEvenWithItsRightToken() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("crosssite");
        Browser browser = new Browser(alice.token());
        String token = csrfField(browser.send(get("/new")));
        String name = Accounts.uniqueName("cross-site");
        for (String site : new String[]{"cross-site", "same-site", "Same-Site"}) {
            MockHttpServletResponse refused = browser.send(newModel(alice, name).header("Sec-Fetch-Site", site).param("_csrf", token));
            assertThat(refused.getStatus()).as(site).isEqualTo(403);
            assertThat(refused.getContentAsString()).as(site).contains("sent from another site or another port of this host");
        }
        assertNoRepository(alice, name);
        MockHttpServletResponse created = browser.send(newModel(alice, name).header("Sec-Fetch-Site", "same-origin").param("_csrf", token));
        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(browser.send(post("/logout").header("Sec-Fetch-Site", "none").param("_csrf", token)).getStatus())
                .as("a form the browser itself sends again").isEqualTo(302);
    }

    @Test
    void theSignInFormKeepsItsCookieToken() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("cookieform");
        Browser browser = new Browser(null);
        String token = csrfField(browser.send(get("/login")));
        assertThat(browser.cookies).containsKey("XSRF-TOKEN");
        MockHttpServletResponse signedIn = browser.send(post("/login").header("Sec-Fetch-Site", "same-origin")
                .param("_csrf", token).param("username", alice.username()).param("password", Accounts.PASSWORD));
        assertThat(signedIn.getStatus()).isEqualTo(302);
        assertThat(browser.cookies).containsKey(WebPages.SESSION_COOKIE);
        String name = Accounts.uniqueName("after-sign-in");
        MockHttpServletResponse created = browser.send(newModel(alice, name).param("_csrf", csrfField(browser.send(get("/new")))));
        assertThat(created.getStatus()).isEqualTo(302);
    }

    @Test
    void aTokenInAFormsAddressIsRefusedExceptOnTheUploadForm() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("querytoken");
        Browser browser = new Browser(alice.token());
        String token = csrfField(browser.send(get("/new")));
        String name = Accounts.uniqueName("query-token");
        assertThat(browser.send(newModel(alice, name).queryParam("_csrf", token)).getStatus()).isEqualTo(403);
        assertThat(browser.send(newModel(alice, name).queryParam("_csrf", token).param("_csrf", token)).getStatus())
                .as("even with the token in the body too").isEqualTo(403);
        assertNoRepository(alice, name);
        assertThat(browser.send(newModel(alice, name).param("_csrf", token)).getStatus()).isEqualTo(302);

        String upload = csrfField(browser.send(get("/" + alice.username() + "/" + name + "/upload/main")));
        MultipartBody form = new MultipartBody().field("message", "by the form").field("path", "").file("sent.txt", "bytes".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse uploaded = browser.send(post("/" + alice.username() + "/" + name + "/upload/main")
                .queryParam("_csrf", upload).contentType(MultipartBody.contentType()).content(form.build()));
        assertThat(uploaded.getStatus()).as("the streamed upload form keeps its token in its action's query (L12)").isEqualTo(303);
        assertThat(browser.send(get("/" + alice.username() + "/" + name + "/tree/main")).getContentAsString()).contains("sent.txt");
    }

    /**
     * A namespace-less repository's upload form takes its token in the address too, and its body is
     * streamed as every upload form's: it went to Spring's multipart resolver, so a file over its 2 MB
     * was a 413 in the API's JSON envelope (found by the hostile-input suite). Over a real connection:
     * MockMvc's multipart request has no size limit to meet.
     */
    @Test
    void aNamespaceLessRepositorysUploadFormIsStreamedWithItsTokenInTheAddress() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("bareupload");
        String bare = Accounts.uniqueName("bare-upload");
        fixtures.model(bare).owner(alice.username()).save();
        CookieManager cookies = new CookieManager();
        HttpCookie session = new HttpCookie(WebPages.SESSION_COOKIE, alice.token());
        session.setPath("/");
        session.setVersion(0); // a plain cookie, as browsers send it
        cookies.getCookieStore().add(url("/"), session);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        Matcher field = CSRF_FIELD.matcher(browser.send(HttpRequest.newBuilder(url("/" + bare + "/upload/main")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(field.find()).as("the upload page's token").isTrue();
        MultipartBody form = new MultipartBody().field("message", "over 2 MB").field("path", "")
                .file("weights.bin", new byte[2 * 1024 * 1024 + 512 * 1024]);
        HttpResponse<String> uploaded = browser.send(HttpRequest.newBuilder(url("/" + bare + "/upload/main?_csrf="
                        + URLEncoder.encode(field.group(1), StandardCharsets.UTF_8)))
                .header("Content-Type", MultipartBody.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        assertThat(browser.send(HttpRequest.newBuilder(url("/" + bare + "/tree/main")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("weights.bin");
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** The new-model form for {@code name} in {@code owner}'s namespace, public, without its token. */
    private static MockHttpServletRequestBuilder newModel(Accounts.SignedIn owner, String name) {
        return post("/new").param("owner", owner.username()).param("name", name).param("visibility", "public");
    }

    @Test
    void aRefusedFormsPageShowsWhoIsSignedInAndLinksBackToTheFormsPage() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("stalepage");
        Browser browser = new Browser(alice.token());
        String name = Accounts.uniqueName("stale-form");
        MockHttpServletResponse refused = browser.send(newModel(alice, name).param("_csrf", masked("from-an-old-sign-in-0123456789"))
                .header("Referer", "http://localhost/new?type=model"));
        assertThat(refused.getStatus()).isEqualTo(403);
        String page = refused.getContentAsString();
        assertThat(page).contains("class=\"whoami\"", ">" + alice.username() + "<").doesNotContain(">Sign up<")
                .contains("go Back").doesNotContain("reload the page")
                .contains("href=\"/new?type=model\">Open the form");
        assertThat(csrfField(refused)).as("the header's sign-out form carries a token").isNotBlank();
        assertNoRepository(alice, name);

        String elsewhere = browser.send(newModel(alice, name).param("_csrf", "stale").header("Referer", "http://evil.example/new"))
                .getContentAsString();
        assertThat(elsewhere).as("another origin's Referer is no link").doesNotContain("evil.example").doesNotContain("Open the form");
    }

    @Test
    void aStalePagesSignOutAsksOnceMoreWithAFreshFormAndNeverTakesTheStaleToken() throws Exception {
        for (String route : new String[]{"/logout", "/settings/account/logout-all"}) {
            Accounts.SignedIn alice = accounts.signUp("staleout");
            Browser browser = new Browser(alice.token());
            MockHttpServletResponse asked = browser.send(post(route).param("_csrf", masked("a-token-of-an-earlier-sign-in-0123")));
            assertThat(asked.getStatus()).as(route).isEqualTo(403);
            assertThat(asked.getContentAsString()).as(route).contains("<h1>Sign out").contains("action=\"" + route + "\"");
            assertThat(browser.send(get("/settings/profile")).getStatus()).as("%s: still signed in, nothing done", route).isEqualTo(200);

            // the page's own form comes after the header's
            MockHttpServletResponse signedOut = browser.send(post(route).param("_csrf", lastCsrfField(asked)));
            assertThat(signedOut.getStatus()).as(route).isEqualTo(302);
            assertThat(browser.cookies).as(route).doesNotContainKey(WebPages.SESSION_COOKIE);
            assertThat(send(get("/settings/profile").cookie(session(alice.token()))).getStatus())
                    .as("%s: the session ended on the server", route).isEqualTo(302);
        }
    }

    @Test
    void aSignInOrSignUpFormOfAnEarlierStateIsShownAgainWithAFreshToken() throws Exception {
        Accounts.SignedIn alice = accounts.signUp("twotabs");
        Browser browser = new Browser(null);
        String firstTab = csrfField(browser.send(get("/login")));
        String secondTab = csrfField(browser.send(get("/login")));
        String signupTab = csrfField(browser.send(get("/signup")));
        assertThat(browser.send(post("/login").param("_csrf", firstTab).param("username", alice.username())
                .param("password", Accounts.PASSWORD)).getStatus()).isEqualTo(302);

        MockHttpServletResponse again = browser.send(post("/login").param("_csrf", secondTab).param("username", alice.username())
                .param("password", Accounts.PASSWORD).param("next", "/settings/profile"));
        assertThat(again.getStatus()).as("the stale token is not taken").isEqualTo(403);
        assertThat(again.getContentAsString()).contains("The form had expired; please send it again", "<h1>Sign in</h1>",
                "value=\"" + alice.username() + "\"", "value=\"/settings/profile\"").doesNotContain(Accounts.PASSWORD);
        String fresh = lastCsrfField(again);
        MockHttpServletResponse signedIn = browser.send(post("/login").param("_csrf", fresh).param("username", alice.username())
                .param("password", Accounts.PASSWORD).param("next", "/settings/profile"));
        assertThat(signedIn.getStatus()).isEqualTo(302);
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/settings/profile");

        String newcomer = Accounts.uniqueName("late-signup");
        MockHttpServletResponse signup = browser.send(multipart("/signup").param("_csrf", signupTab).param("username", newcomer)
                .param("password", Accounts.PASSWORD));
        assertThat(signup.getStatus()).as("the stale token is not taken").isEqualTo(403);
        assertThat(signup.getContentAsString()).contains("The form had expired; please send it again", "<h1>Create an account</h1>",
                "value=\"" + newcomer + "\"").doesNotContain(Accounts.PASSWORD);
        assertThat(send(get("/" + newcomer)).getStatus()).as("no account made").isEqualTo(404);
        assertThat(browser.send(multipart("/signup").param("_csrf", lastCsrfField(signup)).param("username", newcomer)
                .param("password", Accounts.PASSWORD)).getStatus()).isEqualTo(302);
    }

    private static String lastCsrfField(MockHttpServletResponse page) throws Exception {
        Matcher field = CSRF_FIELD.matcher(page.getContentAsString());
        String last = null;
        while (field.find()) {
            last = field.group(1);
        }
        assertThat(last).as("a _csrf form field in the page").isNotNull();
        return last;
    }

    /** Nothing named {@code name} in alice's namespace: its page is the 404 page, to alice too. */
    private void assertNoRepository(Accounts.SignedIn alice, String name) throws Exception {
        assertThat(send(get("/" + alice.username() + "/" + name).cookie(session(alice.token()))).getStatus())
                .as("alice's %s", name).isEqualTo(404);
    }

    private MockHttpServletResponse send(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(theApplicationsTokens())).andReturn().getResponse();
    }

    /** The application's token repository in the pages' CSRF filter again, whatever a test's {@code csrf()} left there. */
    private RequestPostProcessor theApplicationsTokens() {
        return request -> {
            WebTestUtils.setCsrfTokenRepository(request, pageCsrfTokens);
            return request;
        };
    }

    /** A browser: sends the cookies it was given and keeps those it is given. */
    private final class Browser {

        final Map<String, String> cookies = new LinkedHashMap<>();

        Browser(String session) {
            if (session != null) {
                cookies.put(WebPages.SESSION_COOKIE, session);
            }
        }

        MockHttpServletResponse send(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
            if (!cookies.isEmpty()) {
                request.cookie(cookies.entrySet().stream().map(c -> new Cookie(c.getKey(), c.getValue())).toArray(Cookie[]::new));
            }
            MockHttpServletResponse response = PageFormForgeryTest.this.send(request);
            for (Cookie c : response.getCookies()) {
                if (c.getMaxAge() == 0) {
                    cookies.remove(c.getName());
                } else {
                    cookies.put(c.getName(), c.getValue());
                }
            }
            return response;
        }

        Map<String, String> cookiesBut(String name) {
            Map<String, String> others = new LinkedHashMap<>(cookies);
            others.remove(name);
            return others;
        }
    }

    private static Cookie session(String token) {
        return new Cookie(WebPages.SESSION_COOKIE, token);
    }

    /** {@code raw} masked as Spring's {@code XorCsrfTokenRequestAttributeHandler} masks a token: base64url(r || r XOR raw). */
    private static String masked(String raw) {
        byte[] token = raw.getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[token.length];
        new SecureRandom().nextBytes(random);
        byte[] out = new byte[token.length * 2];
        System.arraycopy(random, 0, out, 0, token.length);
        for (int i = 0; i < token.length; i++) {
            out[token.length + i] = (byte) (random[i] ^ token[i]);
        }
        return Base64.getUrlEncoder().encodeToString(out);
    }

    private static String csrfField(MockHttpServletResponse page) throws Exception {
        Matcher field = CSRF_FIELD.matcher(page.getContentAsString());
        assertThat(field.find()).as("a _csrf form field in the page").isTrue();
        return field.group(1);
    }
}
