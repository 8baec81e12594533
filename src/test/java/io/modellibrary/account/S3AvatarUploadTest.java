package io.modellibrary.account;

import io.modellibrary.support.S3Bucket;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AvatarUploadTest} with the blobs in S3 (S3Proxy): avatars stored in and served from the bucket. */
class S3AvatarUploadTest extends AvatarUploadTest {

    @DynamicPropertySource
    static void blobsInS3(DynamicPropertyRegistry registry) {
        S3Bucket.register(registry, "avatars");
    }
}
