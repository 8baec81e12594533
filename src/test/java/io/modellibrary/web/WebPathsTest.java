package io.modellibrary.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Which URLs are browser pages (session cookie, CSRF) and which stay the API's and the Hub's (bearer tokens). */
class WebPathsTest {

    private final WebPaths paths = new WebPaths(refusalPages());

    private static RefusalPages refusalPages() {
        var none = new org.springframework.beans.factory.support.StaticListableBeanFactory();
        return new RefusalPages(none.getBeanProvider(org.thymeleaf.ITemplateEngine.class), null);
    }

    private boolean page(String method, String uri) {
        return paths.matches(new MockHttpServletRequest(method, uri));
    }

    @Test
    void catalogueAccountAndRepositoryPagesArePages() {
        for (String uri : new String[]{"/", "/models", "/datasets", "/login", "/signup", "/logout", "/web/app.css",
                "/alice/bert", "/datasets/alice/squad", "/datasets/squad", "/bert-base-uncased",
                "/alice/bert/tree/main", "/alice/bert/tree/main/weights/x", "/alice/bert/blob/v1/config.json",
                "/alice/bert/commits/main", "/alice/bert/commit/0123abc", "/alice/bert/upload/main",
                "/bert-base-uncased/tree/main", "/datasets/squad/blob/main/data/train.csv",
                "/settings", "/settings/tokens",
                "/settings/tokens/ab12/delete", "/organizations/new", "/organizations/acme/settings/members", "/new", "/new-dataset",
                "/alice/bert/edit/main/README.md", "/alice/bert/new/main/docs", "/alice/bert/delete/main/weights",
                "/alice/bert/restore/0123abc", "/alice/bert/compare/v1...main", "/alice/bert/refs", "/alice/bert/refs/delete",
                "/alice/bert/settings", "/datasets/alice/squad/settings/rename", "/alice/bert/like",
                "/alice/bert/commits/main/config.json"}) {
            assertThat(page("GET", uri)).as(uri).isTrue();
        }
        assertThat(page("POST", "/alice/bert/upload/main")).isTrue();
    }

    @Test
    void theApiTheHubRoutesAndTheDocsAreNotPages() {
        for (String uri : new String[]{"/api/modelList", "/api/models/alice/bert", "/api/models/alice/bert/tree/main",
                "/modelList", "/images/a.png", "/actuator/health", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html",
                "/error", "/alice/bert/resolve/main/config.json", "/datasets/alice/squad/resolve/main/x.csv",
                "/bert-base-uncased/resolve/main/config.json", "/alice/bert.git/info/refs",
                "/alice/bert.git/info/lfs/objects/batch", "/api/lfs/x/y"}) {
            assertThat(page("GET", uri)).as(uri).isFalse();
        }
    }
}
