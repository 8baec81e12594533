package io.modellibrary.account;

import io.modellibrary.support.BlobsInS3;

/** {@link AvatarUploadTest} with the blobs in S3 (S3Proxy): avatars stored in and served from the bucket. */
@BlobsInS3
class S3AvatarUploadTest extends AvatarUploadTest {
}
