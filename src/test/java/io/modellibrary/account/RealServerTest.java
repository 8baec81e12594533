package io.modellibrary.account;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.support.Images;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour that needs the real servlet container: simultaneous registrations, the
 * container's upload limit, and URL normalisation of traversal attempts.
 */
@FullStackTest
class RealServerTest {

    private static final String BOUNDARY = "----model-library-test-boundary";
    private static final String REGISTERED = "{\"code\":1,\"msg\":\"registration completed\",\"data\":\"\"}";
    private static final String TAKEN = "{\"code\":0,\"msg\":\"user name registered\",\"data\":null}";

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ModelLibraryProperties properties;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twentySimultaneousRegistrationsOfOneNameMakeOneAccount() throws Exception {
        String name = Accounts.uniqueName("racer");
        long imagesBefore = mongo.getCollection(AvatarStore.COLLECTION).countDocuments();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (int i = 0; i < 20; i++) {
                // Alternate the case: Racer and racer are one name.
                String variant = i % 2 == 0 ? name : name.toUpperCase();
                answers.add(pool.submit(() -> {
                    start.await();
                    return register(variant, Images.png());
                }));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).isEqualTo(200);
                bodies.add(response.body());
            }
            assertThat(bodies).filteredOn(REGISTERED::equals).hasSize(1);
            assertThat(bodies).filteredOn(TAKEN::equals).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
        List<Document> users = mongo.find(Query.query(Criteria.where("usernameKey").is(name.toLowerCase())), Document.class, "users");
        assertThat(users).hasSize(1);
        assertThat(mongo.getCollection(AvatarStore.COLLECTION).countDocuments()).isEqualTo(imagesBefore + 1);
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413() throws Exception {
        String name = Accounts.uniqueName("big");

        HttpResponse<String> response = register(name, Images.pngOfSize(2 * 1024 * 1024 + 4096));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).startsWith("{\"code\":0,\"msg\":");
        assertThat(mongo.exists(Query.query(Criteria.where("usernameKey").is(name.toLowerCase())), "users")).isFalse();
    }

    @Test
    void aRegisteredUsersTokenWorksOverHttp() throws Exception {
        HttpResponse<String> registered = register(Accounts.uniqueName("wire"), Images.gif());
        String token = registered.headers().firstValue("Authorization").orElseThrow();

        HttpResponse<String> profile = http.send(HttpRequest.newBuilder(url("/api/personalInformation"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(profile.body()).contains("\"code\":1");
        assertThat(profile.headers().firstValue("Authorization")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/../jwt-secret", "/images/..%2fjwt-secret", "/images/%2e%2e/jwt-secret",
            "/images/%2e%2e%2fjwt-secret", "/images/..%5cjwt-secret", "/images/..;/jwt-secret",
            "/images/%2e%2e/%2e%2e/etc/passwd", "/images/..%252fjwt-secret", "/images/.%2e/mongo.mv"})
    void traversalOnTheWireNeverLeavesTheImagesFolder(String path) throws Exception {
        String secret = io.modellibrary.support.DataDirSecret.read(properties.dataDir());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.body()).doesNotContain(secret).doesNotContain("root:");
        // Even what Tomcat refuses before any servlet runs answers in the envelope.
        assertThat(response.body()).startsWith("{\"code\":0,\"msg\":");
    }

    private HttpResponse<String> register(String username, byte[] avatar) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url("/api/register/submitUserInfo"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(username, avatar)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] multipart(String username, byte[] avatar) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, "username", username);
        field(body, "password", Accounts.PASSWORD);
        field(body, "team", "racers");
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(avatar);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static void field(ByteArrayOutputStream body, String name, String value) throws IOException {
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

}
