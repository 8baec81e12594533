package io.modellibrary.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link FullStackTest} with its blobs in bucket {@link S3Bucket#SHARED} of the shared S3Proxy
 * server ({@link S3Bucket#properties}), in parts of {@link #PART_SIZE}: the S3 variant of a disk test extends it and adds this
 * annotation. Every class that carries it and nothing else shares one application context; a
 * {@code @DynamicPropertySource} method of each class's own would give each class a context of
 * its own (Spring's context cache tells those methods apart), four where one does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = BlobsInS3.Settings.class)
public @interface BlobsInS3 {

    /**
     * The part size of these tests' blob store: S3's smallest (the default is 16 MB), so that a file
     * of a few megabytes already goes to the bucket in parts while its body arrives (blob.S3PartUpload).
     */
    String PART_SIZE = "5MB";

    /** Puts {@link S3Bucket#properties} of {@link S3Bucket#SHARED}, and {@link #PART_SIZE}, before every other property source. */
    class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>(S3Bucket.properties(S3Bucket.SHARED));
            properties.put("modellibrary.blobs.s3.part-size", PART_SIZE);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("blobsInS3", properties));
        }
    }
}
