package io.modellibrary.hub;

import io.modellibrary.support.BlobsInS3;

/**
 * {@link HubDownloadTest} with the blobs in S3 (S3Proxy): the Hub's headers, git blob ids of
 * small files (read from the bucket), ranges and errors as with the disk store.
 */
@BlobsInS3
class S3HubDownloadTest extends HubDownloadTest {
}
