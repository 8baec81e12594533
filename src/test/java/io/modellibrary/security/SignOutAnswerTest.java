package io.modellibrary.security;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-out's answer, over a real connection (as a browser and a script see its headers): the pages'
 * {@code POST /logout} sets only the clearing session cookie, and {@code POST /api/account/logout}
 * carries no {@code Authorization} at all; before, each first carried a renewed token of the session
 * it ended (a renewed cookie ahead of the clearing one; browsers keep the last, and the renewed one was
 * refused anyway, but a client reading the first got a dead token).
 */
@FullStackTest
class SignOutAnswerTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;

    @Test
    void thePagesSignOutSetsOnlyTheClearingSessionCookie() throws Exception {
        Accounts.SignedIn user = accounts.signUp("pageout");
        CookieManager cookies = new CookieManager();
        HttpCookie session = new HttpCookie(WebPages.SESSION_COOKIE, accounts.login(user.username()));
        session.setPath("/");
        session.setVersion(0); // a plain cookie, as browsers send it
        cookies.getCookieStore().add(url("/"), session);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String page = browser.send(HttpRequest.newBuilder(url("/settings/tokens")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF_FIELD.matcher(page);
        assertThat(csrf.find()).as("a signed-in page with a _csrf field").isTrue();

        HttpResponse<String> out = browser.send(HttpRequest.newBuilder(url("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(out.statusCode()).isEqualTo(302);
        List<String> sessionCookies = out.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(WebPages.SESSION_COOKIE + "=")).toList();
        assertThat(sessionCookies).singleElement().satisfies(c -> assertThat(c).startsWith(WebPages.SESSION_COOKIE + "=;").contains("Max-Age=0"));
        assertThat(out.headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void theApiSignOutCarriesNoToken() throws Exception {
        Accounts.SignedIn user = accounts.signUp("apiout");
        HttpResponse<String> out = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url("/api/account/logout"))
                .header("Authorization", "Bearer " + user.token()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).contains("\"msg\":\"success\"");
        assertThat(out.headers().allValues("Authorization")).isEmpty();
        assertThat(out.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(WebPages.SESSION_COOKIE + "="));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
