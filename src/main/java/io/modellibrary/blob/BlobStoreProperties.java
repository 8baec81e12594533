package io.modellibrary.blob;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which {@link BlobStore} holds the blobs, under {@code modellibrary.blobs.*}
 * ({@link BlobStoreConfiguration} creates it).
 *
 * @param store {@code disk} (default: files under {@code <data-dir>/blobs}, {@link DiskBlobStore})
 *              or {@code s3} (an S3-compatible object store, {@link S3BlobStore})
 * @param s3    the object store's settings, read only when {@code store} is {@code s3}
 */
@Validated
@ConfigurationProperties("modellibrary.blobs")
public record BlobStoreProperties(
        @NotNull @DefaultValue("disk") Kind store,
        @Valid @NotNull @DefaultValue S3Properties s3) {

    /** The kinds of blob store. */
    public enum Kind {
        /** {@link DiskBlobStore}. */
        DISK,
        /** {@link S3BlobStore}. */
        S3
    }
}
