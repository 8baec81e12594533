package io.modellibrary.files;

import io.modellibrary.support.EmptyCatalogueTest;
import io.modellibrary.support.Fixtures;
import io.modellibrary.support.S3Bucket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import static io.modellibrary.files.FilesTestSupport.alice;
import static io.modellibrary.files.FilesTestSupport.bytes;
import static io.modellibrary.files.FilesTestSupport.sha256;
import static io.modellibrary.files.FilesTestSupport.uniqueName;
import static io.modellibrary.files.FilesTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code modellibrary.blobs.s3.presigned-downloads=true}: a GET of the seed download or the
 * Hub's {@code resolve} answers 302 to a presigned URL of the bucket, keeping the headers the
 * Hub keeps on its CDN redirects; a plain HTTP client without credentials following it gets the
 * file's bytes (and a range of them). HEAD and a matching {@code If-None-Match} answer as without
 * presigning: {@code huggingface_hub} reads the file's metadata from a HEAD that follows only
 * relative redirects, and then GETs the URL it was given, following this redirect itself. Small
 * files packed together stream through the server instead.
 */
@EmptyCatalogueTest
class PresignedDownloadTest {

    private static final int SIZE = 200_000;
    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    private String name;
    private byte[] weights;

    @DynamicPropertySource
    static void presignedS3(DynamicPropertyRegistry registry) {
        S3Bucket.register(registry, "presigned");
        registry.add("modellibrary.blobs.s3.presigned-downloads", () -> "true");
    }

    @BeforeEach
    void repositoryWithAFile() throws Exception {
        name = uniqueName("presigned");
        fixtures.model(name).owner("alice").save();
        weights = bytes(SIZE, 11);
        upload(mvc, alice(), new MultipartBody().field("name", name).file("weights/model.safetensors", weights))
                .andExpect(status().isOk());
    }

    @Test
    void theSeedDownloadRedirectsToAUrlThatServesTheBytesAndRanges() throws Exception {
        MvcResult redirect = mvc.perform(get("/api/files/download").param("name", name).param("path", "weights/model.safetensors"))
                .andExpect(status().isFound())
                .andExpect(header().string("ETag", "\"" + sha256(weights) + "\""))
                .andReturn();
        URI location = URI.create(redirect.getResponse().getHeader("Location"));
        assertThat(location.getPort()).isEqualTo(S3Bucket.server().endpoint().getPort());

        HttpResponse<byte[]> whole = PLAIN.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(sha256(whole.body())).isEqualTo(sha256(weights));
        assertThat(whole.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("model.safetensors"));

        HttpResponse<byte[]> tail = PLAIN.send(HttpRequest.newBuilder(location).header("Range", "bytes=" + (SIZE - 100) + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(weights, SIZE - 100, SIZE));
    }

    @Test
    void theHubResolveRedirectKeepsTheHubHeadersAndItsHeadAnswersInPlace() throws Exception {
        String url = "/" + name + "/resolve/main/weights/model.safetensors";
        String etag = mvc.perform(head(url))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(header().string("X-Linked-Size", String.valueOf(SIZE)))
                .andReturn().getResponse().getHeader("ETag");
        MvcResult redirect = mvc.perform(get(url))
                .andExpect(status().isFound())
                .andExpect(header().string("X-Linked-Size", String.valueOf(SIZE)))
                .andExpect(header().string("X-Linked-Etag", etag))
                .andExpect(header().string("ETag", etag))
                .andExpect(header().exists("X-Repo-Commit"))
                .andReturn();
        HttpResponse<byte[]> followed = PLAIN.send(HttpRequest.newBuilder(URI.create(redirect.getResponse().getHeader("Location")))
                .header("Range", "bytes=0-0").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(followed.statusCode()).isEqualTo(206);
        assertThat(followed.headers().firstValue("Content-Range")).hasValue("bytes 0-0/" + SIZE);

        mvc.perform(get(url).header("If-None-Match", etag)).andExpect(status().isNotModified());
    }

    /** Small files uploaded together share one object (a pack): a presigned URL cannot name their range, so they stream through the server. */
    @Test
    void smallFilesUploadedTogetherStreamThroughTheServerWithRanges() throws Exception {
        byte[] config = bytes(3_000, 12);
        byte[] tokenizer = bytes(5_000, 13);
        upload(mvc, alice(), new MultipartBody().field("name", name).file("config.json", config).file("tokenizer.json", tokenizer))
                .andExpect(status().isOk());

        mvc.perform(get("/api/files/download").param("name", name).param("path", "config.json"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(config));
        mvc.perform(get("/" + name + "/resolve/main/tokenizer.json").header("Range", "bytes=100-199"))
                .andExpect(status().isPartialContent())
                .andExpect(result -> assertThat(result.getResponse().getContentAsByteArray())
                        .isEqualTo(Arrays.copyOfRange(tokenizer, 100, 200)));
    }
}
