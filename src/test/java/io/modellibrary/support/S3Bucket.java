package io.modellibrary.support;

import io.modellibrary.blob.S3ProxyServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One S3Proxy server for the whole test JVM, and the properties that put an application's
 * blobs into a bucket of it ({@code modellibrary.blobs.store=s3}). A test class runs against
 * the S3 store with {@link BlobsInS3} (bucket {@link #SHARED}, one context for all of them): an
 * S3 variant of a download test extends the disk one and adds only that annotation, so both
 * stores pass the same assertions. A test that needs other settings beside them registers them
 * in a {@code @DynamicPropertySource} method, in a bucket of its own: its own context.
 */
public final class S3Bucket {

    /** The bucket of the {@link BlobsInS3} tests: blobs are named by their sha256, so they share it as they would share a disk store. */
    public static final String SHARED = "blobs";

    private static S3ProxyServer server;

    private S3Bucket() {
    }

    /** The shared server, started on first use; it lives as long as the JVM. */
    public static synchronized S3ProxyServer server() {
        if (server == null) {
            try {
                server = S3ProxyServer.start(Files.createTempDirectory("s3proxy"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start S3Proxy", e);
            }
        }
        return server;
    }

    /** The blob store settings for bucket {@code bucket} of {@link #server()}, presigned downloads off. */
    public static void register(DynamicPropertyRegistry registry, String bucket) {
        properties(bucket).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** {@link #register}'s settings as {@code name → value}, for an application started by hand. */
    public static Map<String, Object> properties(String bucket) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("modellibrary.blobs.store", "s3");
        properties.put("modellibrary.blobs.s3.endpoint", server().endpoint().toString());
        properties.put("modellibrary.blobs.s3.bucket", bucket);
        properties.put("modellibrary.blobs.s3.path-style", "true");
        properties.put("modellibrary.blobs.s3.access-key", S3ProxyServer.IDENTITY);
        properties.put("modellibrary.blobs.s3.secret-key", S3ProxyServer.CREDENTIAL);
        return properties;
    }
}
