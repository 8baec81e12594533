package io.modellibrary.database;

import io.modellibrary.ModelLibraryApplication;
import io.modellibrary.common.Outage;
import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.TestDatabaseEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A server that joined another server's embedded database through its socket (README "The
 * database, two ways"), once that server stops: every face answers quickly 503 with
 * {@code Retry-After} in its own error form (the envelope, the Hub's {@code {"error"}} with
 * {@code X-Error-Message}, Git LFS's {@code {"message"}}, an HTML page), whether the database was first needed by the sign-in
 * filter or by a controller, and the log has WARN lines, no ERROR, no stack trace and no line per
 * request from the driver. When the hosting server is back, the joined one answers again without a
 * restart. The host's data directory has capital letters, so its socket is in a folder under /tmp
 * (the driver lower-cases socket paths): the restarted host must listen at the same path.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostStoppedTest {

    /** Far below the driver's default of 30 s, far above the joined socket's 2 s selection timeout. */
    private static final Duration QUICK = Duration.ofSeconds(15);

    @TempDir
    Path hostDir;

    private ConfigurableApplicationContext host;
    private ConfigurableApplicationContext joined;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The host's socket, in a folder under /tmp that outlives the test's temporary directory. */
    private Path socket;

    @AfterEach
    void stop() throws Exception {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[]{joined, host}) {
            if (context != null) {
                context.close();
            }
        }
        if (socket != null && socket.getParent().getFileName().toString().startsWith(EmbeddedMongoServer.FOLDER_PREFIX)) {
            java.nio.file.Files.deleteIfExists(socket);
            java.nio.file.Files.deleteIfExists(socket.getParent());
        }
    }

    @Test
    void everyFaceAnswers503WithRetryAfterQuicklyAndTheServerRecoversWhenTheHostIsBack(CapturedOutput output) throws Exception {
        assumeFalse(TestDatabaseEnvironment.useContainer(), "joins the first server's embedded database");
        host = startHost();
        String uri = host.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString();
        socket = Path.of(host.getBean(MongoConnectionDetails.class).getConnectionString().getHosts().get(0));
        assertThat(socket.getParent().getFileName().toString()).startsWith(EmbeddedMongoServer.FOLDER_PREFIX);
        String secretFile = host.getBean(ModelLibraryProperties.class).dataDir().resolve("jwt-secret").toString();
        joined = new SpringApplicationBuilder(ModelLibraryApplication.class)
                .run("--server.port=0", "--modellibrary.demo-data=false", "--spring.mongodb.uri=" + uri,
                        "--modellibrary.jwt.secret-file=" + secretFile);
        String token = register("joiner");
        assertThat(send(joined, "/api/model?name=someone/before", null, null).statusCode()).isEqualTo(200);
        assertThat(send(joined, "/api/whoami-v2", token, null).statusCode()).isEqualTo(200);

        host.close();
        host = null;
        int from = output.length();

        long started = System.nanoTime();
        // Names never asked before: a repository read recently (or found missing) may be answered from a cache.
        HttpResponse<String> envelope = send(joined, "/api/model?name=someone/after", null, null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("answered after %s", took).isLessThan(QUICK);
        assertThat(envelope.statusCode()).isEqualTo(503);
        assertThat(envelope.headers().firstValue("Retry-After")).hasValue(Long.toString(Outage.DATABASE.retryAfterSeconds()));
        assertThat(envelope.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(envelope.body()).isEqualTo("{\"code\":0,\"msg\":\"" + Outage.DATABASE.message() + "\",\"data\":null}");

        // The sign-in filter reads the session's user before any controller runs.
        HttpResponse<String> signedIn = send(joined, "/api/whoami-v2", token, null);
        assertThat(signedIn.statusCode()).isEqualTo(503);
        assertThat(signedIn.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> hub = send(joined, "/api/models/someone/hub-after", null, null);
        assertThat(hub.statusCode()).isEqualTo(503);
        assertThat(hub.headers().firstValue("Retry-After")).isPresent();
        assertThat(hub.headers().firstValue("X-Error-Message")).hasValue(Outage.DATABASE.message());
        assertThat(hub.body()).contains("\"error\":\"" + Outage.DATABASE.message() + "\"");

        long lfsStarted = System.nanoTime();
        HttpResponse<String> lfs = http.send(HttpRequest.newBuilder(url(joined, "/someone/lfs-after.git/info/lfs/objects/batch"))
                .header("Content-Type", "application/vnd.git-lfs+json").header("Accept", "application/vnd.git-lfs+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"download\",\"objects\":[{\"oid\":\""
                        + "0".repeat(64) + "\",\"size\":1}]}")).build(), HttpResponse.BodyHandlers.ofString());
        System.out.printf("host-stopped: POST Git LFS batch answered %d in %d ms%n", lfs.statusCode(), (System.nanoTime() - lfsStarted) / 1_000_000);
        assertThat(lfs.statusCode()).isEqualTo(503);
        assertThat(lfs.headers().firstValue("Retry-After")).isPresent();
        assertThat(lfs.body()).contains("\"message\":\"" + Outage.DATABASE.message() + "\"");

        HttpResponse<String> page = send(joined, "/someone/page-after", null, "text/html");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
        assertThat(page.body()).contains("cannot reach its database");

        String log = output.getAll().substring(from);
        assertThat(log).contains("WARN").contains("with 503: the database is unavailable");
        assertThat(log.lines().filter(line -> line.contains(" ERROR ")).toList()).isEmpty();
        assertThat(log).doesNotContain("\tat com.mongodb").doesNotContain("Unexpected failure");
        // the driver's "Waiting for server to become available for operation find ..." once per request
        assertThat(log.lines().filter(line -> line.contains("org.mongodb.driver")).toList()).isEmpty();
        assertThat(log).contains("Database: cannot reach " + socket);

        host = startHost();
        assertThat(host.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString()).isEqualTo(uri);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> send(joined, "/api/model?name=someone/back", null, null).statusCode() == 200);
        assertThat(send(joined, "/api/whoami-v2", token, null).statusCode()).isEqualTo(200);
    }

    private ConfigurableApplicationContext startHost() {
        return new SpringApplicationBuilder(ModelLibraryApplication.class)
                .run("--server.port=0", "--modellibrary.demo-data=false", "--modellibrary.test.data-dir=" + hostDir.resolve("Host Data").toAbsolutePath());
    }

    /** Registers a user through the joined server; its session token. */
    private String register(String name) throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\n" + name + "\r\n"
                        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\ncorrect horse battery staple\r\n"
                        + "--" + boundary + "--\r\n";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url(joined, "/api/register/submitUserInfo"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).contains("registration completed");
        return answer.headers().firstValue("Authorization").orElseThrow().replaceFirst("^Bearer ", "");
    }

    private HttpResponse<String> send(ConfigurableApplicationContext server, String path, String token, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(server, path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        System.out.printf("host-stopped: GET %s%s answered %d in %d ms%n", path, token == null ? "" : " (signed in)",
                answer.statusCode(), (System.nanoTime() - started) / 1_000_000);
        return answer;
    }

    private static URI url(ConfigurableApplicationContext server, String path) {
        return URI.create("http://localhost:" + ((WebServerApplicationContext) server).getWebServer().getPort() + path);
    }
}
