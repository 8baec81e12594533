package io.modellibrary.web;

import io.modellibrary.support.EmptyCatalogueTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An address refused before any page runs (Spring Security's firewall: {@code ..}, {@code //},
 * {@code %2F} where no route takes one) answers a browser the site's styled error page with 400;
 * the APIs keep their own error forms. So do the container's own refusals, seen over a real
 * connection ({@code %ff}, headers over 16 KB), which MockMvc never makes.
 */
@EmptyCatalogueTest
class RefusedAddressPagesTest {

    @Autowired
    MockMvc mvc;
    @LocalServerPort
    int port;

    @Test
    void aPageAddressTheFirewallRefusesIsTheStyledErrorPage() throws Exception {
        for (String address : new String[]{"/alice/bert/tree/main/a/../b", "/alice/bert/blob/main/sub%2Fx.txt",
                "/alice%2Fbert/tree/main", "/alice/bert//tree/main"}) {
            String page = mvc.perform(get(URI.create(address)).accept(MediaType.TEXT_HTML)).andExpect(status().isBadRequest())
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).as(address).contains("<link rel=\"stylesheet\" href=\"/web/app.css\">")
                    .contains("class=\"status\">400<").contains("Refused · Model Library").contains("Skip to content")
                    .contains("such as “..”, “//”, “;” or an encoded “/”");
        }
    }

    @Test
    void aBrowserAtAnAddressNoRouteClaimsGetsThePageAndAnApiCallerItsJson() throws Exception {
        String page = mvc.perform(get(URI.create("/models//alice")).accept(MediaType.TEXT_HTML)).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/web/app.css\"").contains("class=\"status\">400<");
        mvc.perform(get(URI.create("/models//alice"))).andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/json")));
        mvc.perform(get(URI.create("/api/files/a/../b")).accept(MediaType.TEXT_HTML)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(0));
        mvc.perform(get(URI.create("/api/models/alice/bert/tree/main/a/../b")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").exists());
    }

    @Test
    void theContainersOwnRefusalsAreTheStyledPageForABrowserAndJsonForTheApi() throws Exception {
        String big = "a".repeat(20_000);
        for (HttpRequest.Builder request : new HttpRequest.Builder[]{
                HttpRequest.newBuilder(URI.create(base() + "/alice/bert/tree/main/%ff")),
                HttpRequest.newBuilder(URI.create(base() + "/alice/bert")).header("X-Big", big)}) {
            HttpResponse<String> page = send(request.header("Accept", "text/html"));
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("href=\"/web/app.css\"").contains("class=\"status\">400<").contains("Skip to content");
        }
        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(base() + "/api/models")).header("X-Big", big));
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    /**
     * A probe found the container's own refusals without any security header (so framable) and the
     * firewall's without {@code X-Frame-Options} and {@code nosniff}: each now carries the headers of
     * every page, whatever refused it (docs/decisions.md S24).
     */
    @Test
    void everyRefusalBeforeTheApplicationRunsCarriesThePagesSecurityHeaders() throws Exception {
        String big = "a".repeat(20_000);
        for (HttpRequest.Builder request : new HttpRequest.Builder[]{
                HttpRequest.newBuilder(URI.create(base() + "/alice/bert/tree/main/%ff")),
                HttpRequest.newBuilder(URI.create(base() + "/alice/bert/tree/main/a%00b")),
                HttpRequest.newBuilder(URI.create(base() + "/alice/bert")).header("X-Big", big),
                HttpRequest.newBuilder(URI.create(base() + "/api/models")).header("X-Big", big),
                HttpRequest.newBuilder(URI.create(base() + "/alice/bert//tree/main")),
                HttpRequest.newBuilder(URI.create(base() + "/alice/bert/blob/main/a;b.txt"))}) {
            HttpResponse<String> answer = send(request.header("Accept", "text/html"));
            String shown = answer.uri() + " " + answer.headers().map();
            assertThat(answer.statusCode()).as(shown).isEqualTo(400);
            assertThat(answer.headers().allValues("Content-Security-Policy")).as(shown)
                    .singleElement().satisfies(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(answer.headers().allValues("X-Frame-Options")).as(shown).containsExactly("DENY");
            assertThat(answer.headers().allValues("X-Content-Type-Options")).as(shown).containsExactly("nosniff");
            assertThat(answer.headers().allValues("Referrer-Policy")).as(shown).containsExactly("same-origin");
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
