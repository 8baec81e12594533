package io.modellibrary.blob;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.OwnerOnly;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Creates the {@link BlobStore} {@code modellibrary.blobs.store} names
 * ({@link BlobStoreProperties}): {@link DiskBlobStore} unless it says {@code s3}; logs at INFO
 * which one ({@code Blobs: disk, <path>} or {@code Blobs: S3 bucket <b> at <endpoint>, prefix <p>}).
 */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    /** An incomplete multipart upload older than this is no upload in progress. */
    static final Duration STALE_UPLOADS = Duration.ofDays(1);

    @Bean
    @ConditionalOnProperty(name = "modellibrary.blobs.store", havingValue = "disk", matchIfMissing = true)
    DiskBlobStore diskBlobStore(ModelLibraryProperties properties, StorageProperties storage) throws java.io.IOException {
        DiskBlobStore store = new DiskBlobStore(properties, storage);
        LoggerFactory.getLogger(BlobStoreConfiguration.class).info("Blobs: disk, {}",
                OwnerOnly.dataDirectory(properties.dataDir()).resolve("blobs").toAbsolutePath());
        return store;
    }

    /**
     * No store for a {@code modellibrary.blobs.store} that is neither {@code disk} nor {@code s3}
     * (compared without case, as the two conditions above do): a {@link BlobStoreSettingsException}
     * saying so, where there would be only "a bean of type BlobStore could not be found".
     */
    @Bean
    @org.springframework.context.annotation.Conditional(UnknownStore.class)
    BlobStore unknownBlobStore(org.springframework.core.env.Environment environment) {
        throw BlobStoreSettingsException.unknownStore(environment.getProperty("modellibrary.blobs.store"));
    }

    /** Matches when {@code modellibrary.blobs.store} is set to neither {@code disk} nor {@code s3}. */
    static class UnknownStore implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(org.springframework.context.annotation.ConditionContext context,
                               org.springframework.core.type.AnnotatedTypeMetadata metadata) {
            String store = context.getEnvironment().getProperty("modellibrary.blobs.store");
            return store != null && !store.equalsIgnoreCase("disk") && !store.equalsIgnoreCase("s3");
        }
    }

    /**
     * The S3 store, staging under {@code <data-dir>/s3-staging}; its client closes with the
     * context. With {@code presigned-downloads} it hands out presigned download URLs. The small
     * blobs of a batch go into packs recorded in {@link PackIndex} (the server's; none in a
     * context without the database, which then stores every blob as an object of its own). Multipart uploads under its prefix begun more than {@link #STALE_UPLOADS} ago (left
     * by a crash or an unreachable store) are aborted at start-up.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "modellibrary.blobs.store", havingValue = "s3")
    S3BlobStore s3BlobStore(BlobStoreProperties blobs, ModelLibraryProperties properties,
                            org.springframework.beans.factory.ObjectProvider<PackIndex> packs) {
        S3Properties s3 = blobs.s3();
        S3BlobStore store = new S3BlobStore(S3BlobStore.client(s3), s3.presignedDownloads() ? S3BlobStore.presigner(s3) : null, s3.bucket(), s3.prefix(), s3.partSize().toBytes(),
                OwnerOnly.dataDirectory(properties.dataDir()).resolve("s3-staging"), packs.getIfAvailable());
        int aborted = store.abortIncompleteUploads(STALE_UPLOADS);
        if (aborted > 0) {
            LoggerFactory.getLogger(BlobStoreConfiguration.class).info("Aborted {} incomplete multipart uploads", aborted);
        }
        LoggerFactory.getLogger(BlobStoreConfiguration.class).info("Blobs: S3 bucket {} at {}, prefix {}", s3.bucket(),
                BlobStoreRecord.endpoint(s3), s3.prefix().isBlank() ? "(none)" : s3.prefix());
        warnOfUnmigratedBlobs(properties.dataDir().resolve("blobs"), store);
        return store;
    }

    /** The S3 store's health ({@link BlobStoreHealth}): DOWN while the bucket cannot be reached. */
    @Bean("blobStore")
    @ConditionalOnProperty(name = "modellibrary.blobs.store", havingValue = "s3")
    BlobStoreHealth blobStoreHealth(S3BlobStore store) {
        return new BlobStoreHealth(store, java.time.Clock.systemUTC());
    }

    /** How many of the disk store's blobs {@link #warnOfUnmigratedBlobs} looks up in the bucket at most. */
    static final int MIGRATION_SAMPLE = 20;

    /**
     * A WARN at start-up when the data directory still holds blobs of the disk store that the
     * bucket does not (the first {@value #MIGRATION_SAMPLE} files of {@code <data-dir>/blobs/<2 hex>/},
     * one lookup each): a server switched to S3 before {@code migrate-blobs} copied them serves
     * their files as damaged (500). Answers how many of those looked up are missing.
     */
    static int warnOfUnmigratedBlobs(java.nio.file.Path diskBlobs, BlobStore bucket) {
        if (!java.nio.file.Files.isDirectory(diskBlobs)) {
            return 0;
        }
        java.util.List<String> sample;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.find(diskBlobs, 2,
                (path, attributes) -> attributes.isRegularFile() && path.getParent().getFileName().toString().matches("[0-9a-f]{2}")
                        && path.getFileName().toString().matches("[0-9a-f]{64}"))) {
            sample = files.limit(MIGRATION_SAMPLE).map(path -> path.getFileName().toString()).toList();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0; // a folder this server cannot read is not one it was using
        }
        int missing = (int) sample.stream().filter(sha -> !bucket.exists(sha)).count();
        if (missing > 0) {
            LoggerFactory.getLogger(BlobStoreConfiguration.class).warn("{} holds blobs of the disk store that the bucket does not"
                    + " ({} of the {} looked up): this server reads blobs from S3 only, so their files answer as damaged until"
                    + " `migrate-blobs` copies them (README, \"Moving blobs from disk to S3\")", diskBlobs, missing, sample.size());
        }
        return missing;
    }
}
