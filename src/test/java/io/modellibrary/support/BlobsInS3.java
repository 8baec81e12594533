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
 * server ({@link S3Bucket#properties}): the S3 variant of a disk test extends it and adds this
 * annotation. Every class that carries it and nothing else shares one application context; a
 * {@code @DynamicPropertySource} method of each class's own would give each class a context of
 * its own (Spring's context cache tells those methods apart), four where one does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = BlobsInS3.Settings.class)
public @interface BlobsInS3 {

    /** Puts {@link S3Bucket#properties} of {@link S3Bucket#SHARED} before every other property source. */
    class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("blobsInS3", S3Bucket.properties(S3Bucket.SHARED)));
        }
    }
}
