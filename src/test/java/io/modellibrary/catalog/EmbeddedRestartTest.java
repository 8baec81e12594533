package io.modellibrary.catalog;

import io.modellibrary.ModelLibraryApplication;
import io.modellibrary.support.TestDatabaseEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The embedded default keeps its data across restarts on the same data directory, and a
 * real HTTP client's query strings are decoded the way docs/http-contract.md#catalogue-queries says.
 */
class EmbeddedRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt() throws Exception {
        assumeFalse(TestDatabaseEnvironment.useContainer(), "restart persistence is a property of the embedded store");
        try (ConfigurableApplicationContext first = start()) {
            Repo repo = new Repo(RepoType.MODEL, "team/kept across restart", "team", "team", "/images/defaultAvatar.png");
            repo.touch(java.time.Instant.parse("2024-01-01T00:00:00Z"), "create team/kept across restart");
            first.getBean(MongoTemplate.class).insert(repo);
            first.publishEvent(new CatalogChanged(RepoType.MODEL));
            assertThat(get(first, "/api/modelList?name=kept+across")).contains("\"numTotalItems\":1");
        }
        try (ConfigurableApplicationContext second = start()) {
            assertThat(get(second, "/api/model?name=team/kept%20across%20restart"))
                    .contains("\"msg\":\"success\"", "\"name\":\"team/kept across restart\"");
            assertThat(get(second, "/api/modelList?name=kept+across")).contains("\"numTotalItems\":1");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ModelLibraryApplication.class)
                .run("--server.port=0", "--modellibrary.demo-data=false",
                        "--modellibrary.test.data-dir=" + dataDir.toAbsolutePath());
    }

    private static String get(ConfigurableApplicationContext context, String path) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
