package io.modellibrary.hub;

import com.jayway.jsonpath.JsonPath;
import io.modellibrary.support.Accounts;
import io.modellibrary.support.S3Bucket;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link LfsOverRealHttpTest} with the blobs in S3 and 5 MiB parts, so that the object is sent
 * in parts while its body arrives (blob.S3PartUpload); and a body that is not the object
 * announced leaves nothing in the bucket: no object, no multipart upload.
 */
class S3LfsOverRealHttpTest extends LfsOverRealHttpTest {

    private static final String BUCKET = "lfs-over-http";

    @DynamicPropertySource
    static void blobsInS3(DynamicPropertyRegistry registry) {
        S3Bucket.register(registry, BUCKET);
        registry.add("modellibrary.blobs.s3.part-size", () -> "5MB");
    }

    @Test
    void aBodyThatIsNotTheAnnouncedObjectLeavesNothingInTheBucket() throws Exception {
        Accounts.SignedIn bob = accounts.signUp("lfswrong");
        mvc.perform(post("/api/repos/create").with(bob.bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"wrong\",\"organization\":\"" + bob.username() + "\",\"type\":\"model\"}"))
                .andExpect(status().isOk());
        byte[] content = new byte[12 * 1024 * 1024];
        new Random(12).nextBytes(content);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        String answer = mvc.perform(post("/" + bob.username() + "/wrong.git/info/lfs/objects/batch").with(bob.bearer())
                        .contentType("application/vnd.git-lfs+json").accept("application/vnd.git-lfs+json")
                        .content("{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"hash_algo\":\"sha256\","
                                + "\"objects\":[{\"oid\":\"" + sha + "\",\"size\":" + content.length + "}]}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        URI href = URI.create(JsonPath.read(answer, "$.objects[0].actions.upload.href"));
        content[7 * 1024 * 1024] ^= 1; // one bit flipped after the first part has gone

        HttpResponse<String> put = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + href.getRawPath() + "?" + href.getRawQuery()))
                        .timeout(Duration.ofMinutes(2)).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
        S3Client s3 = S3Bucket.server().client();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(sha.substring(0, 2) + "/" + sha)).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }
}
