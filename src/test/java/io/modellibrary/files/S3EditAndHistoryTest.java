package io.modellibrary.files;

import io.modellibrary.support.S3Bucket;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link EditAndHistoryTest} with the blobs in S3 (S3Proxy): text previews and diffs read from the bucket. */
class S3EditAndHistoryTest extends EditAndHistoryTest {

    @DynamicPropertySource
    static void blobsInS3(DynamicPropertyRegistry registry) {
        S3Bucket.register(registry, "edits");
    }
}
