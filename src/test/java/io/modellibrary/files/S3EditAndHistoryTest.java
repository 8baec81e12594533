package io.modellibrary.files;

import io.modellibrary.support.BlobsInS3;

/** {@link EditAndHistoryTest} with the blobs in S3 (S3Proxy): text previews and diffs read from the bucket. */
@BlobsInS3
class S3EditAndHistoryTest extends EditAndHistoryTest {
}
