package io.modellibrary.blob;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.support.S3Bucket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code modellibrary.blobs.store} picks the store: disk by default, S3 (bucket created) when asked;
 * wrong settings stop the start with a report naming the setting and what S3 answered.
 */
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
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
    void theDiskStoreByDefault(CapturedOutput output) {
        runner().run(context -> {
            assertThat(context).hasSingleBean(BlobStore.class).hasSingleBean(DiskBlobStore.class);
            assertThat(output.getOut()).contains("Blobs: disk, " + dir.toAbsolutePath().resolve("blobs"));
            assertThat(context.getBean(BlobStoreProperties.class).s3().partSize().toMegabytes()).isEqualTo(16);
        });
    }

    @Test
    void theS3StoreWhenConfigured(CapturedOutput output) throws Exception {
        S3ProxyServer server = S3Bucket.server(); // the JVM's shared S3Proxy
        runner().withPropertyValues("modellibrary.blobs.store=s3", "modellibrary.blobs.s3.endpoint=" + server.endpoint(),
                "modellibrary.blobs.s3.bucket=configured-models", "modellibrary.blobs.s3.prefix=ml", "modellibrary.blobs.s3.path-style=true",
                "modellibrary.blobs.s3.access-key=" + S3ProxyServer.IDENTITY,
                "modellibrary.blobs.s3.secret-key=" + S3ProxyServer.CREDENTIAL).run(context -> {
            assertThat(context).hasSingleBean(BlobStore.class).hasSingleBean(S3BlobStore.class).doesNotHaveBean(DiskBlobStore.class);
            assertThat(output.getOut()).contains("Blobs: S3 bucket configured-models at " + server.endpoint() + ", prefix ml");
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
    void aSecretKeyS3RefusesStopsItWithAReportOfS3sAnswerAndTheSettings() {
        S3ProxyServer server = S3Bucket.server();
        runner().withPropertyValues("modellibrary.blobs.store=s3", "modellibrary.blobs.s3.endpoint=" + server.endpoint(),
                "modellibrary.blobs.s3.bucket=refused-models", "modellibrary.blobs.s3.path-style=true",
                "modellibrary.blobs.s3.access-key=" + S3ProxyServer.IDENTITY, "modellibrary.blobs.s3.secret-key=not-the-secret")
                .run(context -> {
                    FailureAnalysis report = report(context);
                    assertThat(report.getDescription()).startsWith("cannot reach or create the bucket refused-models at " + server.endpoint())
                            .contains("S3 answered 403");
                    assertThat(report.getAction()).contains("modellibrary.blobs.s3.bucket, .endpoint, .region, .path-style, .access-key, .secret-key")
                            .contains("_SECRET_KEY")
                            .contains("403 says the keys are wrong");
                });
    }

    @Test
    void anS3ServiceThatIsNotRunningStopsItSayingTheConnectionWasRefused() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        runner().withPropertyValues("modellibrary.blobs.store=s3", "modellibrary.blobs.s3.endpoint=http://127.0.0.1:" + port,
                "modellibrary.blobs.s3.bucket=models", "modellibrary.blobs.s3.path-style=true",
                "modellibrary.blobs.s3.access-key=a", "modellibrary.blobs.s3.secret-key=b")
                .run(context -> assertThat(report(context).getDescription())
                        .startsWith("cannot reach or create the bucket models at http://127.0.0.1:" + port)
                        .containsIgnoringCase("refused"));
    }

    @Test
    void anUnknownStoreStopsItNamingTheSettingItsValueAndTheTwoItCanBe() {
        runner().withPropertyValues("modellibrary.blobs.store=s4").run(context -> {
            FailureAnalysis report = report(context);
            assertThat(report.getDescription()).isEqualTo("modellibrary.blobs.store (MODELLIBRARY_BLOBS_STORE) is 's4':"
                    + " the blob store is either disk or s3.");
            assertThat(report.getAction()).contains("MODELLIBRARY_BLOBS_STORE=disk").contains("MODELLIBRARY_BLOBS_STORE=s3");
        });
    }

    @Test
    void s3WithoutABucketStopsItSayingWhichSettingToSet() {
        runner().withPropertyValues("modellibrary.blobs.store=s3").run(context -> {
            FailureAnalysis report = report(context);
            assertThat(report.getDescription()).contains("no bucket").contains("modellibrary.blobs.s3.bucket");
            assertThat(report.getAction()).contains("MODELLIBRARY_BLOBS_S3_BUCKET=<bucket>");
        });
    }

    /** Spring Boot's "APPLICATION FAILED TO START" report of the context's failure, by the blob settings' analyzer. */
    private static FailureAnalysis report(org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis report = new BlobStoreSettingsException.Analyzer().analyze(context.getStartupFailure());
        assertThat(report).as("a report of the blob store settings for %s", context.getStartupFailure()).isNotNull();
        return report;
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
