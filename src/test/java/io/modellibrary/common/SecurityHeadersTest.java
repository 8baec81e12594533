package io.modellibrary.common;

import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 15, item 5: Swagger UI gets a policy it works under (everything it loads is on this
 * origin and allowed, no inline script is needed), and every other answer the strict
 * {@code default-src 'none'; frame-ancestors 'none'}; every answer also says
 * {@code Referrer-Policy: same-origin}, {@code X-Frame-Options: DENY} and {@code nosniff}.
 */
@FullStackTest
class SecurityHeadersTest {

    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("<link[^>]*href=\"([^\"]+)\"");

    @Autowired
    MockMvc mvc;

    @Test
    void apiAnswersSuccessesAndErrorsAlikeCarryTheStrictPolicy() throws Exception {
        for (String url : List.of("/api/modelList", "/v3/api-docs", "/api/nothing-here", "/api/filesTable?name=%")) {
            MockHttpServletResponse response = mvc.perform(get(url)).andReturn().getResponse();
            assertThat(response.getHeaders(SecurityHeaders.CSP)).as(url)
                    .containsExactly("default-src 'none'; frame-ancestors 'none'");
        }
    }

    /**
     * No answer tells another site which page of this one linked or embedded it: a model card's image
     * or link to another host goes without {@code Referer}, so a private repository's name never leaves
     * (docs/decisions.md S24). Nothing is framed, nothing sniffed; each header once.
     */
    @Test
    void everyAnswerKeepsItsAddressFromOtherSitesAndIsNeitherFramedNorSniffed() throws Exception {
        for (String url : List.of("/", "/models", "/login", "/web/app.css", "/images/defaultAvatar.png", "/api/modelList",
                "/api/nothing-here", "/v3/api-docs", "/swagger-ui/index.html", "/nobody/nothing/tree/main")) {
            MockHttpServletResponse response = mvc.perform(get(url)).andReturn().getResponse();
            assertThat(response.getHeaders("Referrer-Policy")).as(url).containsExactly("same-origin");
            assertThat(response.getHeaders("X-Frame-Options")).as(url).containsExactly("DENY");
            assertThat(response.getHeaders("X-Content-Type-Options")).as(url).containsExactly("nosniff");
            assertThat(response.getHeaders(SecurityHeaders.CSP)).as(url).hasSize(1);
        }
    }

    @Test
    void swaggerUiGetsAPolicyThatAllowsEverythingItsPageLoadsAndNoInlineScript() throws Exception {
        MockHttpServletResponse redirect = mvc.perform(get("/swagger-ui.html")).andReturn().getResponse();
        assertThat(redirect.getHeader(SecurityHeaders.CSP)).isEqualTo(SecurityHeaders.SWAGGER_UI);

        MockHttpServletResponse page = mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader(SecurityHeaders.CSP)).isEqualTo(SecurityHeaders.SWAGGER_UI);
        String html = page.getContentAsString();
        List<String> assets = new ArrayList<>();
        Matcher script = SCRIPT.matcher(html);
        while (script.find()) {
            assertThat(script.group(2)).as("an inline script would need 'unsafe-inline'").isBlank();
            Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(script.group(1));
            assertThat(src.find()).isTrue();
            assets.add(src.group(1));
        }
        Matcher link = LINK.matcher(html);
        while (link.find()) {
            assets.add(link.group(1));
        }
        assertThat(assets).contains("./swagger-initializer.js", "./swagger-ui-bundle.js", "./swagger-ui.css")
                .allSatisfy(a -> assertThat(a).as("same origin").doesNotContain("//"));
        for (String asset : assets) {
            String url = "/swagger-ui/" + asset.replaceFirst("^\\./", "");
            MockHttpServletResponse response = mvc.perform(get(url)).andReturn().getResponse();
            assertThat(response.getStatus()).as(url).isEqualTo(200);
            assertThat(response.getHeader(SecurityHeaders.CSP)).as(url).isEqualTo(SecurityHeaders.SWAGGER_UI);
        }
        String initializer = mvc.perform(get("/swagger-ui/swagger-initializer.js")).andReturn().getResponse().getContentAsString();
        assertThat(initializer).as("springdoc points it at its configuration on this origin, no validator badge")
                .contains("\"configUrl\" : \"/v3/api-docs/swagger-config\"").contains("\"validatorUrl\" : \"\"");
        String config = mvc.perform(get("/v3/api-docs/swagger-config")).andReturn().getResponse().getContentAsString();
        assertThat(config).as("the document it loads is on this origin").contains("\"url\":\"/v3/api-docs\"");
        assertThat(SecurityHeaders.SWAGGER_UI).contains("script-src 'self';", "connect-src 'self'", "img-src 'self' data:")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
    }

    @Test
    void onlyTheSwaggerUiPathsGetItsPolicy() {
        assertThat(SecurityHeaders.isSwaggerUi("/swagger-ui/index.html", "")).isTrue();
        assertThat(SecurityHeaders.isSwaggerUi("/swagger-ui.html", "")).isTrue();
        assertThat(SecurityHeaders.isSwaggerUi("/swagger-ui.htmlx", "")).isFalse();
        assertThat(SecurityHeaders.isSwaggerUi("/api/swagger-ui/x", "")).isFalse();
        assertThat(SecurityHeaders.isSwaggerUi("/swagger-uix/a", "")).isFalse();
    }
}
