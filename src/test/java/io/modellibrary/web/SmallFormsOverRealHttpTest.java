package io.modellibrary.web;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Images;
import io.modellibrary.support.MultipartForm;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' file forms (sign-up, avatar) over a real connection, as a browser without scripts
 * sends them: the CSRF token in a form field of the multipart body, never in the address the
 * browser shows after a refused attempt, and a body past the limits answered by a page.
 * MockMvc cannot show this: the body is parsed by Tomcat, after its body-reading valve.
 */
@FullStackTest
class SmallFormsOverRealHttpTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void signUpSendsItsTokenInTheBodyAndARefusalKeepsItOutOfTheAddress() throws Exception {
        String form = get("/signup");
        assertThat(form).contains("action=\"/signup\"").doesNotContain("_csrf=");
        String token = csrfField(form);
        String name = Accounts.uniqueName("nojs");

        HttpResponse<String> refused = post("/signup", new MultipartForm("nojs-boundary")
                .field("_csrf", token).field("username", name).field("password", "short"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.uri().getQuery()).isNull();
        assertThat(refused.body()).contains("role=\"alert\"").contains("password").contains("value=\"" + name + "\"");

        HttpResponse<String> created = post("/signup", new MultipartForm("nojs-boundary")
                .field("_csrf", csrfField(refused.body())).field("username", name).field("password", Accounts.PASSWORD)
                .file("avatar", "me.png", "image/png", Images.png()));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(URI.create(created.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
        assertThat(created.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("ml_session="));
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndCreatesNoAccount() throws Exception {
        get("/signup");
        String name = Accounts.uniqueName("nojs");
        HttpResponse<String> refused = post("/signup", new MultipartForm("nojs-boundary")
                .field("username", name).field("password", Accounts.PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).as("the sign-up form again (W25)").contains("The form had expired; please send it again")
                .contains("value=\"" + name + "\"").doesNotContain(Accounts.PASSWORD);
        String login = csrfField(get("/login"));
        HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + login + "&username=" + name + "&password=" + java.net.URLEncoder.encode(Accounts.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(401);
    }

    @Test
    void anAvatarPastTheLimitIsAPageSayingSo() throws Exception {
        String token = csrfField(get("/signup"));
        HttpResponse<String> refused = post("/signup", new MultipartForm("nojs-boundary")
                .field("_csrf", token).field("username", Accounts.uniqueName("nojs")).field("password", Accounts.PASSWORD)
                .file("avatar", "big.png", "image/png", new byte[4 * 1024 * 1024]));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(refused.body()).contains("this form is limited to 3 MB in all, a file in it to 2 MB")
                .contains("Nothing was changed: choose a smaller avatar and send the form again.")
                .contains("href=\"/signup\">Back to the sign-up form</a>");
    }

    /**
     * A newcomer's probe, session 17: a 3 MB avatar on the profile settings was a 413 page offering only the
     * catalogue. The refusal comes before the security filters (the multipart body holds the CSRF token), so the
     * page says what to do and links back to the settings.
     */
    @Test
    void aSignedInUsersAvatarPastTheLimitIsAPageLeadingBackToTheSettings() throws Exception {
        HttpResponse<String> created = post("/signup", new MultipartForm("nojs-boundary")
                .field("_csrf", csrfField(get("/signup"))).field("username", Accounts.uniqueName("nojsbig"))
                .field("password", Accounts.PASSWORD));
        assertThat(created.statusCode()).isEqualTo(302);
        HttpResponse<String> refused = post("/settings/profile/avatar", new MultipartForm("nojs-boundary")
                .field("_csrf", csrfField(get("/settings/profile")))
                .file("avatar", "big.png", "image/png", new byte[3 * 1024 * 1024]));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("Nothing was changed: choose a smaller image and send the form again.")
                .contains("href=\"/settings/profile\">Back to your profile settings</a>");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return withoutServerSession(page).body();
    }

    private HttpResponse<String> post(String path, MultipartForm form) throws IOException, InterruptedException {
        return withoutServerSession(browser.send(HttpRequest.newBuilder(url(path)).header("Content-Type", form.contentType())
                .POST(form.publisher()).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * No session id goes into a link of a page ({@code server.servlet.session.tracking-modes: cookie}).
     * Whether a session is started is not asserted here: once a MockMvc test of this shared context
     * has used {@code SecurityMockMvcRequestPostProcessors.csrf()}, the pages' CSRF filter keeps
     * the test's session-backed token repository for the real server too (spring-security-test's
     * {@code CsrfRequestPostProcessor} swaps it in), which the application never does.
     */
    private static HttpResponse<String> withoutServerSession(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContain("jsessionid");
        return response;
    }

    private static String csrfField(String page) {
        Matcher field = CSRF_FIELD.matcher(page);
        assertThat(field.find()).as("a _csrf form field in the page").isTrue();
        return field.group(1);
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
