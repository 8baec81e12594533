package io.modellibrary.blob;

import io.modellibrary.common.Causes;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * The blob store settings ({@code modellibrary.blobs.*}, README "Running at scale") cannot give
 * this server its store: an unknown {@code store} (neither {@code disk} nor {@code s3}), S3
 * without a bucket or with too small a part size, or an S3 service that refuses or cannot be
 * reached at start-up (wrong keys, endpoint, region). Before, these ended in "a bean of type
 * BlobStore could not be found" or a long stack trace whose last cause said it; the
 * {@link Analyzer} turns each into Spring Boot's "APPLICATION FAILED TO START" report: the
 * setting and its value or the S3 answer (Description), what to set (Action).
 */
public class BlobStoreSettingsException extends IllegalStateException {

    private final String action;

    /**
     * @param description what is wrong: the setting, its value or S3's answer
     * @param action      what the operator sets or checks, naming the settings
     * @param cause       the failure behind it (S3's answer), or null
     */
    BlobStoreSettingsException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** The failure for a {@code modellibrary.blobs.store} that is neither {@code disk} nor {@code s3}, set to {@code store}. */
    static BlobStoreSettingsException unknownStore(String store) {
        return new BlobStoreSettingsException("modellibrary.blobs.store (MODELLIBRARY_BLOBS_STORE) is '" + store
                + "': the blob store is either disk or s3.",
                "Set MODELLIBRARY_BLOBS_STORE=disk (files under <data-dir>/blobs, the default) or MODELLIBRARY_BLOBS_STORE=s3"
                        + " with MODELLIBRARY_BLOBS_S3_BUCKET and the other S3 settings (README, \"Running at scale\").", null);
    }

    /** What the operator sets or checks. */
    public String action() {
        return action;
    }

    /**
     * Spring Boot's failure report for it (registered in {@code META-INF/spring.factories}); first of
     * the analyzers, since Spring's own would report the bean creation around it.
     */
    public static class Analyzer implements FailureAnalyzer, Ordered {

        /**
         * The report of the {@link BlobStoreSettingsException} in {@code failure}'s cause chain; or, when
         * {@code modellibrary.blobs.store} could not be bound (an unknown value met by the binding of
         * {@link BlobStoreProperties} before any store was made), the report of {@link #unknownStore};
         * else null (another analyzer's turn).
         */
        @Override
        public FailureAnalysis analyze(Throwable failure) {
            for (Throwable t : Causes.chain(failure)) {
                if (t instanceof BlobStoreSettingsException settings) {
                    return new FailureAnalysis(settings.getMessage(), settings.action(), settings);
                }
                if (t instanceof BindException bind && bind.getName().toString().startsWith("modellibrary.blobs.store")
                        && bind.getProperty() != null) {
                    BlobStoreSettingsException unknown = unknownStore(String.valueOf(bind.getProperty().getValue()));
                    return new FailureAnalysis(unknown.getMessage(), unknown.action(), bind);
                }
            }
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
