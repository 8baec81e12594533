package io.modellibrary.files;

import io.modellibrary.content.RepoPath;
import io.modellibrary.support.ContainerDatabase;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Limits" (docs/decisions.md L1): whatever a write accepts can be listed, downloaded and deleted through
 * the real container, whose request line and headers have a size limit; one byte more is
 * a 400 that names the limit in the unit it is checked in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "modellibrary.demo-data=false")
@Import({ContainerDatabase.class, Fixtures.class, HeaderAuthentication.class})
class LimitsOverRealHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 256 four-byte characters in folders of 62: 1024 bytes of UTF-8, 3072 once percent-encoded. */
    private static final String LONGEST_PATH = longestPath();

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    private final HttpClient http = HttpClient.newHttpClient();

    private static String longestPath() {
        String emoji = "\uD83D\uDE00";
        String folder = emoji.repeat(62);
        String path = folder + "/" + folder + "/" + folder + "/" + folder + "/" + emoji.repeat(3) + "a.";
        return path + "x".repeat(1024 - path.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void theLongestPathIsStoredListedDownloadedAndDeletedOverHttp() throws Exception {
        assertThat(LONGEST_PATH.getBytes(StandardCharsets.UTF_8)).hasSize(RepoPath.MAX_BYTES);
        String name = uniqueName("limits");
        fixtures.model(name).owner("alice").save();
        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri("/api/files?name=" + enc(name)))
                .header(HeaderAuthentication.HEADER, "alice").header("Content-Type", MultipartBody.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(new MultipartBody().file(LONGEST_PATH, "deep").build())));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);

        String folder = LONGEST_PATH.substring(0, LONGEST_PATH.lastIndexOf('/'));
        JsonNode table = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/filesTable?name=" + enc(name) + "&path=" + enc(folder)))
                .header(HeaderAuthentication.HEADER, "alice").GET()).body());
        String fileUrl = table.at("/data/filesTable/0/fileURL").asString();
        assertThat(fileUrl.length()).isGreaterThan(3072);
        HttpResponse<String> download = send(HttpRequest.newBuilder(URI.create(fileUrl))
                .header(HeaderAuthentication.HEADER, "alice").header("Authorization", "Bearer " + "x".repeat(600))
                .header("Cookie", "other-app=" + "c".repeat(6000)).GET()); // what a browser may add for the host
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("deep");

        HttpResponse<String> blob = send(HttpRequest.newBuilder(uri("/api/getBlob?filepath="
                + enc("/model/" + enc(name) + "/blob/main/" + LONGEST_PATH))).header(HeaderAuthentication.HEADER, "alice").GET());
        assertThat(JSON.readTree(blob.body()).at("/data/displayData").asString()).isEqualTo("deep");

        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/api/files?name=" + enc(name) + "&path=" + enc(LONGEST_PATH)))
                .header(HeaderAuthentication.HEADER, "alice").DELETE());
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(200);
    }

    @Test
    void oneByteMoreIsA400NamingTheLimit() throws Exception {
        String name = uniqueName("limits");
        fixtures.model(name).owner("alice").save();
        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri("/api/files?name=" + enc(name)))
                .header(HeaderAuthentication.HEADER, "alice").header("Content-Type", MultipartBody.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(new MultipartBody().file(LONGEST_PATH + "y", "deep").build())));
        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(upload.body()).path("msg").asString()).contains("1024 bytes");
    }

    @Test
    void aFormWithMorePartsThanTheContainerParsesIs413NamingTheSetting() throws Exception {
        MultipartBody form = new MultipartBody().field("username", "many-parts").field("password", "correct horse battery");
        for (int i = 0; i < 10; i++) {
            form.field("extra" + i, "x");
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/register/submitUserInfo"))
                .header("Content-Type", MultipartBody.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.build())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("msg").asString()).contains("server.tomcat.max-part-count");
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
