package io.modellibrary.blob;

import io.modellibrary.common.ModelLibraryProperties;
import io.modellibrary.common.OwnerOnly;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the {@link BlobStore} {@code modellibrary.blobs.store} names
 * ({@link BlobStoreProperties}): {@link DiskBlobStore} unless it says {@code s3}.
 */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean
    @ConditionalOnProperty(name = "modellibrary.blobs.store", havingValue = "disk", matchIfMissing = true)
    DiskBlobStore diskBlobStore(ModelLibraryProperties properties) {
        return new DiskBlobStore(properties);
    }

    /** The S3 store, staging under {@code <data-dir>/s3-staging}; its client closes with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "modellibrary.blobs.store", havingValue = "s3")
    S3BlobStore s3BlobStore(BlobStoreProperties blobs, ModelLibraryProperties properties) {
        S3Properties s3 = blobs.s3();
        return new S3BlobStore(S3BlobStore.client(s3), s3.bucket(), s3.prefix(), s3.partSize().toBytes(),
                OwnerOnly.dataDirectory(properties.dataDir()).resolve("s3-staging"));
    }
}
