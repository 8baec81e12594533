import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The AWS SDK's own transfer of one file, the baselines of bench/s3.sh: a PutObject of the file
 * (RequestBody.fromFile, one request) or a GetObject of the object read to the end and dropped;
 * the S3 Transfer Manager's {@code uploadFile} / {@code downloadFile} ({@code tmput}, {@code tmget},
 * the SDK's high-level API for large files, see {@link TransferManagerSide}); or a multipart upload
 * of the file as Model Library sends one (16 MiB parts from the file, three at a time:
 * {@code putmp}), which tells what multipart itself costs the S3 server.
 * Not a test. Arguments: endpoint URL, access key, secret key, bucket, then {@code put <file> <key>},
 * {@code putmp <file> <key>}, {@code get <key>}, {@code tmput <file> <key>} or
 * {@code tmget <key> <file>} (the file written, replaced if there); prints the transfer's seconds
 * (the client built and connected before the clock starts, by a HeadBucket). The sync client is
 * built as blob/S3BlobStore builds its own (path style, checksums only where S3 requires them, the
 * Apache 5 HTTP client), so the two differ only in what Model Library does around the transfer.
 * {@code tmput}/{@code tmget} need the s3-transfer-manager and netty-nio-client jars on the class
 * path (bench/pom-s3sdk.xml), the other modes only the server's own SDK jars.
 */
public class S3Transfer {

    public static void main(String[] args) throws Exception {
        if (args[4].startsWith("tm")) {
            TransferManagerSide.main(args);
            return;
        }
        String bucket = args[3];
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(args[0]))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
                .build()) {
            s3.headBucket(b -> b.bucket(bucket));
            long start = System.nanoTime();
            switch (args[4]) {
                case "put" -> s3.putObject(b -> b.bucket(bucket).key(args[6]), RequestBody.fromFile(Path.of(args[5])));
                case "putmp" -> multipart(s3, bucket, Path.of(args[5]), args[6]);
                case "get" -> {
                    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(args[5]))) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
                default -> throw new IllegalArgumentException(
                        "put <file> <key> | putmp <file> <key> | get <key> | tmput <file> <key> | tmget <key> <file>");
            }
            System.out.printf("%.4f%n", (System.nanoTime() - start) / 1e9);
        }
    }

    private static final long PART = 16L << 20;

    /** CreateMultipartUpload, the parts from the file three at a time, CompleteMultipartUpload. */
    private static void multipart(S3Client s3, String bucket, Path file, String key) throws Exception {
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        long size = java.nio.file.Files.size(file);
        int parts = (int) ((size + PART - 1) / PART);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.List<java.util.concurrent.Future<software.amazon.awssdk.services.s3.model.CompletedPart>> sent = new java.util.ArrayList<>();
            for (int n = 1; n <= parts; n++) {
                int number = n;
                long offset = (n - 1) * PART;
                long length = Math.min(PART, size - offset);
                sent.add(pool.submit(() -> {
                    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                        in.skipNBytes(offset);
                        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(number).contentLength(length),
                                RequestBody.fromInputStream(in, length)).eTag();
                        return software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(number).eTag(etag).build();
                    }
                }));
            }
            java.util.List<software.amazon.awssdk.services.s3.model.CompletedPart> done = new java.util.ArrayList<>();
            for (var f : sent) {
                done.add(f.get());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(done)));
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The S3 Transfer Manager on the SDK's Java-based multipart async client
     * ({@code S3AsyncClient.builder().multipartEnabled(true)}, the Netty NIO HTTP client), at the
     * SDK's defaults: parts of 8 MiB from 8 MiB up, an upload's parts on as many connections as
     * Netty's pool allows (50 by default), a download by part number ({@code GetObject partNumber=1},
     * then the others up to 50 in flight if the object has several parts, one GET otherwise).
     * Only the settings the sync client sets too are set (endpoint, path style, region,
     * credentials, checksums only where required), and one header is dropped: the multipart
     * client sends the object's size with CompleteMultipartUpload ({@code x-amz-mp-object-size},
     * which S3 only checks), and S3Proxy 4.1.0 answers 501 to a header it does not know. A nested
     * class so that the other modes run without these jars.
     */
    static final class TransferManagerSide {

        private TransferManagerSide() {
        }

        /** The arguments as {@link S3Transfer#main}'s, mode {@code tmput} or {@code tmget}. */
        static void main(String[] args) {
            String bucket = args[3];
            try (S3AsyncClient s3 = S3AsyncClient.builder()
                    .multipartEnabled(true)
                    .endpointOverride(URI.create(args[0]))
                    .region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
                    .overrideConfiguration(o -> o.addExecutionInterceptor(new NoObjectSize()))
                    .build();
                    S3TransferManager tm = S3TransferManager.builder().s3Client(s3).build()) {
                s3.headBucket(b -> b.bucket(bucket)).join();
                long start = System.nanoTime();
                switch (args[4]) {
                    case "tmput" -> tm.uploadFile(u -> u.source(Path.of(args[5])).putObjectRequest(b -> b.bucket(bucket).key(args[6])))
                            .completionFuture().join();
                    case "tmget" -> tm.downloadFile(d -> d.getObjectRequest(b -> b.bucket(bucket).key(args[5])).destination(Path.of(args[6])))
                            .completionFuture().join();
                    default -> throw new IllegalArgumentException("tmput <file> <key> | tmget <key> <file>");
                }
                System.out.printf("%.4f%n", (System.nanoTime() - start) / 1e9);
            }
        }

        /** Drops CompleteMultipartUpload's {@code MpuObjectSize}, which S3Proxy 4.1.0 refuses. */
        private static final class NoObjectSize implements ExecutionInterceptor {
            @Override
            public software.amazon.awssdk.core.SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                return context.request() instanceof CompleteMultipartUploadRequest complete
                        ? complete.toBuilder().mpuObjectSize(null).build()
                        : context.request();
            }
        }
    }
}
