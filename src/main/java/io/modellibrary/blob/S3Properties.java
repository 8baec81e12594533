package io.modellibrary.blob;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;

/**
 * The S3-compatible object store of {@link S3BlobStore}, under {@code modellibrary.blobs.s3.*}.
 *
 * @param endpoint           the service's URL, e.g. {@code http://minio:9000}; empty: AWS S3 of {@code region}
 * @param region             signing region (default {@code us-east-1}, which most S3-compatible servers accept)
 * @param bucket             the bucket; created at start-up when missing. Required
 * @param prefix             key prefix, without leading or trailing {@code /} (default: none); a blob's key is
 *                           {@code <prefix>/<sha256[0:2]>/<sha256>}
 * @param pathStyle          address the bucket in the path ({@code http://host/bucket/key}) rather than the
 *                           host name: what MinIO, Ceph RGW and S3Proxy usually need (default false)
 * @param accessKey          access key id; empty: the AWS SDK's default credential chain (environment,
 *                           system properties, profile files, container or instance role)
 * @param secretKey          secret access key, with {@code accessKey}
 * @param presignedDownloads answer downloads with a redirect to a short-lived presigned URL instead of streaming
 *                           them through the server (default false): a GET of the seed API's download or the
 *                           Hub's {@code resolve}/{@code raw} answers 302 to a URL valid for
 *                           {@link S3BlobStore#PRESIGNED_TTL}
 * @param partSize           part size of multipart uploads, and the size from which a blob is uploaded in parts
 *                           (default 16MB; S3 requires at least 5 MiB per part and at most 10,000 parts, so
 *                           16 MiB parts allow blobs up to 156 GiB)
 */
public record S3Properties(
        URI endpoint,
        @DefaultValue("us-east-1") String region,
        String bucket,
        @DefaultValue("") String prefix,
        @DefaultValue("false") boolean pathStyle,
        String accessKey,
        String secretKey,
        @DefaultValue("false") boolean presignedDownloads,
        @DefaultValue("16MB") DataSize partSize) {
}
