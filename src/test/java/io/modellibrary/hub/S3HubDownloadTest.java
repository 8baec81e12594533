package io.modellibrary.hub;

import io.modellibrary.support.S3Bucket;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link HubDownloadTest} with the blobs in S3 (S3Proxy): the Hub's headers, git blob ids of
 * small files (read from the bucket), ranges and errors as with the disk store.
 */
class S3HubDownloadTest extends HubDownloadTest {

    @DynamicPropertySource
    static void blobsInS3(DynamicPropertyRegistry registry) {
        S3Bucket.register(registry, "hub-downloads");
    }
}
