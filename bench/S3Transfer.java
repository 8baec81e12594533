import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS SDK's own transfer of one file, the baseline of bench/s3.sh: a PutObject of the file
 * (RequestBody.fromFile, one request) or a GetObject of the object read to the end and dropped.
 * Not a test. Arguments: endpoint URL, access key, secret key, bucket, then {@code put <file> <key>}
 * or {@code get <key>}; prints the transfer's seconds (the client built and connected before the
 * clock starts, by a HeadBucket). The client is built as blob/S3BlobStore builds its own (path style,
 * checksums only where S3 requires them, the Apache 5 HTTP client), so the two differ only in
 * what Model Library does around the transfer.
 */
public class S3Transfer {

    public static void main(String[] args) throws Exception {
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
                case "get" -> {
                    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(args[5]))) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
                default -> throw new IllegalArgumentException("put <file> <key> | get <key>");
            }
            System.out.printf("%.4f%n", (System.nanoTime() - start) / 1e9);
        }
    }
}
