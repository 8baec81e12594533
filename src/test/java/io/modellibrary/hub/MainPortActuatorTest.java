package io.modellibrary.hub;

import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a management port (the default) the main port serves health and nothing else of the
 * actuator: no metrics, no backup, whoever asks (README, "Running at scale").
 */
@FullStackTest
class MainPortActuatorTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsAndBackupAreAbsentOnTheMainPort() throws Exception {
        assertThat(send("GET", "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/actuator/backup").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actuator").body()).doesNotContain("prometheus", "backup");
    }

    @Test
    void healthStaysOnTheMainPort() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
