package io.modellibrary.blob;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.S3Bucket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code modellibrary.blobs.store} picks the store: disk by default, S3 (bucket created) when asked. */
class BlobStoreConfigurationTest {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ModelLibraryProperties.class, BlobStoreProperties.class, StorageProperties.class})
    static class Properties {
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withUserConfiguration(Properties.class, BlobStoreConfiguration.class)
                .withPropertyValues("modellibrary.data-dir=" + dir);
    }

    @Test
    void theDiskStoreByDefault() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(BlobStore.class).hasSingleBean(DiskBlobStore.class);
            assertThat(context.getBean(BlobStoreProperties.class).s3().partSize().toMegabytes()).isEqualTo(16);
        });
    }

    @Test
    void theS3StoreWhenConfigured() throws Exception {
        S3ProxyServer server = S3Bucket.server(); // the JVM's shared S3Proxy
        runner().withPropertyValues("modellibrary.blobs.store=s3", "modellibrary.blobs.s3.endpoint=" + server.endpoint(),
                "modellibrary.blobs.s3.bucket=configured-models", "modellibrary.blobs.s3.prefix=ml", "modellibrary.blobs.s3.path-style=true",
                "modellibrary.blobs.s3.access-key=" + S3ProxyServer.IDENTITY,
                "modellibrary.blobs.s3.secret-key=" + S3ProxyServer.CREDENTIAL).run(context -> {
            assertThat(context).hasSingleBean(BlobStore.class).hasSingleBean(S3BlobStore.class).doesNotHaveBean(DiskBlobStore.class);
            BlobStore store = context.getBean(BlobStore.class);
            BlobStore.Staged staged = store.stage(new ByteArrayInputStream("configured".getBytes()), 100);
            store.publish(List.of(staged));
            try (var client = server.client()) {
                assertThat(client.listObjectsV2(b -> b.bucket("configured-models")).contents()).singleElement()
                        .satisfies(o -> assertThat(o.key()).isEqualTo("ml/" + staged.sha256().substring(0, 2) + "/" + staged.sha256()));
            }
        });
    }

    @Test
    void aBucketTheServerCannotReachStopsItNamingTheBucketAndTheSettings() {
        S3ProxyServer server = S3Bucket.server();
        runner().withPropertyValues("modellibrary.blobs.store=s3", "modellibrary.blobs.s3.endpoint=" + server.endpoint(),
                "modellibrary.blobs.s3.bucket=refused-models", "modellibrary.blobs.s3.path-style=true",
                "modellibrary.blobs.s3.access-key=" + S3ProxyServer.IDENTITY, "modellibrary.blobs.s3.secret-key=not-the-secret")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("cannot reach or create the bucket refused-models at " + server.endpoint())
                        .hasStackTraceContaining("modellibrary.blobs.s3.bucket, .endpoint, .region, .path-style, .access-key, .secret-key"));
    }

    @Test
    void blobsTheDiskStoreHoldsAndTheBucketDoesNotAreCountedAtStartUp(@TempDir Path bucketDir) throws Exception {
        Path diskBlobs = dir.resolve("blobs");
        assertThat(BlobStoreConfiguration.warnOfUnmigratedBlobs(diskBlobs, new DiskBlobStore(bucketDir))).isZero(); // no disk store
        DiskBlobStore disk = new DiskBlobStore(diskBlobs);
        DiskBlobStore bucket = new DiskBlobStore(bucketDir); // stands in for S3: the check asks only exists()
        List<BlobStore.Staged> onDisk = new java.util.ArrayList<>();
        for (String text : List.of("one", "two", "three")) {
            onDisk.add(disk.stage(new ByteArrayInputStream(text.getBytes()), 100));
        }
        disk.publish(onDisk);
        bucket.publish(List.of(bucket.stage(new ByteArrayInputStream("two".getBytes()), 100)));
        assertThat(BlobStoreConfiguration.warnOfUnmigratedBlobs(diskBlobs, bucket)).isEqualTo(2);

        bucket.publish(List.of(bucket.stage(new ByteArrayInputStream("one".getBytes()), 100),
                bucket.stage(new ByteArrayInputStream("three".getBytes()), 100)));
        assertThat(BlobStoreConfiguration.warnOfUnmigratedBlobs(diskBlobs, bucket)).isZero(); // migrated: no warning
    }
}
