package io.modellibrary.files;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.support.BlobsInS3;
import io.modellibrary.support.S3Bucket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.modellibrary.files.FilesTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DownloadTest} with the blobs in S3 (S3Proxy): the same bytes, ranges ({@code bytes=N-},
 * suffix), ETag and conditional answers, streamed through the server from ranged GETs.
 */
@BlobsInS3
class S3DownloadTest extends DownloadTest {

    @Autowired
    BlobStore blobs;

    @Test
    void theBytesServedLiveInTheBucketNotOnThisNode() throws Exception {
        String sha = sha256(weights);
        try (var client = S3Bucket.server().client()) {
            assertThat(client.listObjectsV2(b -> b.bucket(S3Bucket.SHARED).prefix(sha.substring(0, 2) + "/" + sha)).contents())
                    .singleElement().satisfies(o -> assertThat(o.size()).isEqualTo(weights.length));
        }
        assertThat(blobs.localFile(sha)).as("no local copy to serve from").isEmpty();
    }
}
