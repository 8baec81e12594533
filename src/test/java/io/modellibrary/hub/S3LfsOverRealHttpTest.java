package io.modellibrary.hub;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.BlobsInS3;
import io.modellibrary.support.S3Bucket;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LfsOverRealHttpTest} with the blobs in S3 ({@link BlobsInS3}: 5 MiB parts), so that the object is sent
 * in parts while its body arrives (blob.S3PartUpload); and a body that is not the object
 * announced leaves nothing in the bucket: no object, no multipart upload.
 */
@BlobsInS3
class S3LfsOverRealHttpTest extends LfsOverRealHttpTest {

    private static final String BUCKET = S3Bucket.SHARED;

    @Test
    void aBodyThatIsNotTheAnnouncedObjectLeavesNothingInTheBucket() throws Exception {
        Accounts.SignedIn bob = accounts.signUp("lfswrong");
        byte[] content = new byte[12 * 1024 * 1024];
        new SplittableRandom(12).nextBytes(content);
        String sha = sha256(content);
        URI url = uploadUrl(bob, "wrong", sha, content.length);
        content[7 * 1024 * 1024] ^= 1; // one bit flipped after the first part has gone

        HttpResponse<String> put = put(url, content);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
        S3Client s3 = S3Bucket.server().client();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(sha.substring(0, 2) + "/" + sha)).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }
}
