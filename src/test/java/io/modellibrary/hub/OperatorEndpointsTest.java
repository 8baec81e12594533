package io.modellibrary.hub;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.ContainerDatabase;
import io.modellibrary.support.TestDatabaseEnvironment;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The operator's endpoints with a management port (README, "Running at scale"): Prometheus
 * metrics and the embedded database's backup answer there and nowhere on the main port; the
 * metrics move with what users do (an upload's and a download's bytes, requests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"modellibrary.demo-data=false", "management.server.port=0"})
@AutoConfigureMockMvc
@Import({ContainerDatabase.class, Accounts.class})
class OperatorEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @RegisterExtension
    final HubFixtures fixtures = new HubFixtures();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusAnswersOnTheManagementPortAndNotOnTheMainPort() throws Exception {
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("http_server_requests_seconds_count", "modellibrary_blobs_stored_blobs",
                "modellibrary_collection_runs_seconds_count");
    }

    @Test
    void uploadAndDownloadBytesShowInTheMetrics() throws Exception {
        byte[] weights = HubFixtures.bytes(300_000, 5);
        Accounts.SignedIn alice = accounts.signUp("metrics");
        fixtures.create(alice, RepoType.MODEL, "counted", false);
        String before = get(managementPort, "/actuator/prometheus").body();

        fixtures.commit(alice, RepoType.MODEL, "counted", "main", "weights", Map.of("model.bin", weights));
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/" + alice.username() + "/counted/resolve/main/model.bin")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(weights);

        String after = get(managementPort, "/actuator/prometheus").body();
        assertThat(value(after, "modellibrary_upload_bytes_total") - value(before, "modellibrary_upload_bytes_total"))
                .isGreaterThanOrEqualTo(weights.length);
        assertThat(value(after, "modellibrary_download_bytes_total") - value(before, "modellibrary_download_bytes_total"))
                .isGreaterThanOrEqualTo(weights.length);
    }

    @Test
    void healthMovesToTheManagementPortWithTheRestOfTheActuator() throws Exception {
        assertThat(get(managementPort, "/actuator/health").body()).contains("\"UP\"");
        assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(404);
    }

    @Test
    void backupWritesAConsistentCopyOfTheEmbeddedDatabaseWhileItServes(@TempDir Path restored) throws Exception {
        assumeFalse(TestDatabaseEnvironment.useContainer(), "the backup endpoint exists with the embedded database only");
        Accounts.SignedIn bob = accounts.signUp("backedup");
        assertThat(post(port, "/actuator/backup").statusCode()).isEqualTo(404);

        HttpResponse<String> answer = post(managementPort, "/actuator/backup");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode written = JSON.readTree(answer.body());
        Path zip = Path.of(written.get("file").asString());
        assertThat(Files.size(zip)).isEqualTo(written.get("bytes").asLong());
        // GET lists what is kept, newest first (the README's table said GET; it answered 405)
        HttpResponse<String> listed = get(managementPort, "/actuator/backup");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode kept = JSON.readTree(listed.body());
        assertThat(kept.get("keep").asInt()).isEqualTo(5);
        assertThat(kept.get("backups").get(0).get("file").asString()).isEqualTo(zip.toString());
        assertThat(get(port, "/actuator/backup").statusCode()).isEqualTo(404);

        Path copy = unzipOnlyEntry(zip, restored);
        try (MVStore store = new MVStore.Builder().fileName(copy.toString()).readOnly().open()) {
            String users = store.getMapNames().stream().filter(n -> n.startsWith("databases.") && n.endsWith(".users"))
                    .findFirst().orElseThrow();
            assertThat(store.openMap(users).values().toString()).contains(bob.username());
        }
    }

    private static Path unzipOnlyEntry(Path zip, Path folder) throws Exception {
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("mongo.mv");
            Path copy = folder.resolve("mongo.mv");
            Files.copy(in, copy);
            assertThat(in.getNextEntry()).isNull();
            return copy;
        }
    }

    /** The sample's value in a Prometheus text exposition (0 when absent). */
    private static double value(String exposition, String sample) {
        Matcher m = Pattern.compile("(?m)^" + sample + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private HttpResponse<String> get(int onPort, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + onPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int onPort, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + onPort + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
