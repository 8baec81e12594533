package io.modellibrary.files;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.blob.S3ProxyServer;
import io.modellibrary.common.Outage;
import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An S3 store that cannot be reached (its server stopped: connection refused) is an outage that
 * passes, not a damaged store: every face answers 503 with {@code Retry-After} and "the file store
 * is unreachable" (seed download whole and ranged, Hub resolve, the Git LFS href, an upload, a web
 * page), the health is DOWN, the log has WARN lines without stack traces and no "Damaged blob
 * store", an upload meanwhile commits nothing, and all of it works again once S3 is back.
 * A server of its own (a bucket of its own, a context of its own): the shared one serves the other tests.
 */
@EmptyCatalogueTest
@ExtendWith(OutputCaptureExtension.class)
class S3UnreachableTest {

    private static final String LFS = "application/vnd.git-lfs+json";
    private static S3ProxyServer s3;

    @DynamicPropertySource
    static void ownS3(DynamicPropertyRegistry registry) throws Exception {
        s3 = S3ProxyServer.start(Files.createTempDirectory("s3proxy-unreachable"));
        registry.add("modellibrary.blobs.store", () -> "s3");
        registry.add("modellibrary.blobs.s3.endpoint", () -> s3.endpoint().toString());
        registry.add("modellibrary.blobs.s3.bucket", () -> "unreachable");
        registry.add("modellibrary.blobs.s3.path-style", () -> "true");
        registry.add("modellibrary.blobs.s3.access-key", () -> S3ProxyServer.IDENTITY);
        registry.add("modellibrary.blobs.s3.secret-key", () -> S3ProxyServer.CREDENTIAL);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Test
    void theDatabaseRecordsThatTheBlobsAreInThisBucket() {
        org.bson.Document record = mongo.getCollection("settings").find(new org.bson.Document("_id", "blobs")).first();
        assertThat(record).isNotNull();
        assertThat(record.getString("store")).isEqualTo("s3");
        assertThat(record.getString("bucket")).isEqualTo("unreachable");
        assertThat(record.getString("endpoint")).isEqualTo(s3.endpoint().toString());
    }

    @Test
    void everyFaceAnswers503WithRetryAfterWhileS3IsDownAndServesAgainWhenItIsBack(CapturedOutput output) throws Exception {
        String name = uniqueName("unreachable");
        fixtures.model(name).owner("alice").save();
        byte[] weights = bytes(200_000, 41);
        String sha = sha256(weights);
        upload(mvc, alice(), new MultipartBody().field("name", name).file("weights/model.bin", weights)
                .file("notes.txt", "hello\n".getBytes())).andExpect(status().isOk());
        String batch = mvc.perform(post("/" + name + ".git/info/lfs/objects/batch").with(alice()).contentType(LFS).accept(LFS)
                        .content("{\"operation\":\"download\",\"transfers\":[\"basic\"],\"objects\":[{\"oid\":\"" + sha
                                + "\",\"size\":" + weights.length + "}]}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        URI lfsHref = URI.create(JsonPath.read(batch, "$.objects[0].actions.download.href"));
        int before = output.getOut().length();

        s3.stop();
        try {
            unreachable(mvc.perform(seedDownload(name, "weights/model.bin")))
                    .andExpect(jsonPath("$.msg").value(Outage.BLOB_STORE.message()))
                    .andExpect(header().doesNotExist("Content-Length"));
            unreachable(mvc.perform(seedDownload(name, "weights/model.bin").header("Range", "bytes=0-10")))
                    .andExpect(header().doesNotExist("Content-Range"))
                    .andExpect(jsonPath("$.msg").value(Outage.BLOB_STORE.message()));
            unreachable(mvc.perform(get(URI.create("/" + name + "/resolve/main/weights/model.bin")).with(alice())))
                    .andExpect(jsonPath("$.error").value(Outage.BLOB_STORE.message()))
                    .andExpect(header().doesNotExist("X-Error-Code"));
            unreachable(mvc.perform(get(URI.create("/" + name + "/resolve/main/weights/model.bin")).with(alice())
                    .header("Range", "bytes=5-9")));
            unreachable(mvc.perform(get(lfsHref).with(alice())));
            unreachable(upload(mvc, alice(), new MultipartBody().field("name", name)
                    .file("weights/new.bin", bytes(100_000, 42))))
                    .andExpect(jsonPath("$.msg").value(Outage.BLOB_STORE.message()));
            String page = unreachable(mvc.perform(get("/" + name + "/blob/main/notes.txt").with(alice())))
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).contains("file store is unreachable just now").doesNotContain("damaged");
            mvc.perform(get("/actuator/health")).andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.status").value("DOWN"));
        } finally {
            s3.restart();
        }

        String log = output.getOut().substring(before);
        assertThat(log).contains("WARN").contains("the S3 blob store cannot be reached")
                .doesNotContain("Damaged blob store").doesNotContain("Unexpected failure")
                .doesNotContain("at software.amazon.awssdk").doesNotContain("StoredFileDamaged");

        mvc.perform(seedDownload(name, "weights/model.bin")).andExpect(status().isOk()).andExpect(content().bytes(weights));
        mvc.perform(get(URI.create("/" + name + "/resolve/main/weights/model.bin")).with(alice()).header("Range", "bytes=5-9"))
                .andExpect(status().isPartialContent());
        mvc.perform(seedDownload(name, "weights/new.bin")).andExpect(status().isNotFound());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                mvc.perform(get("/actuator/health")).andExpect(status().isOk()));
    }

    private static MockHttpServletRequestBuilder seedDownload(String name, String path) {
        return get("/api/files/download").param("name", name).param("type", "model").param("path", path).with(alice());
    }

    private static ResultActions unreachable(ResultActions answer) throws Exception {
        return answer.andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", String.valueOf(Outage.BLOB_STORE.retryAfterSeconds())));
    }
}
