package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Recognises a request that failed because the S3 blob store ({@code modellibrary.blobs.store=s3})
 * cannot be reached: the AWS SDK's {@link SdkClientException} anywhere in a cause chain (connection
 * refused, connect or read timeout, an API call timeout: no answer from S3 at all; not its
 * {@link AbortedException}, an interrupted thread), or an answer of S3 itself with a 5xx status
 * (500 InternalError, 503 SlowDown / Service Unavailable) after the SDK's own retries. Every face
 * answers it as the database outage ({@link DatabaseUnavailable}): 503 Service Unavailable with
 * {@code Retry-After: }{@value #RETRY_AFTER_SECONDS} and {@link #MESSAGE} in its own error form,
 * and the log gets one WARN line at most every 10 s ({@link ThrottledWarning}), never a stack
 * trace per request. A blob the store answers as missing (404) or with other bytes stays
 * "damaged" ({@code content.DamagedBlobException}): that is the store's content, not its reach.
 * A 4xx of S3 (403: wrong keys or a bucket policy) is no outage that passes, and stays a 500.
 */
public final class BlobStoreUnavailable {

    /** The answer's message. */
    public static final String MESSAGE = "the file store is unreachable: nothing of this request was done; try again shortly";
    /** The answer's {@code Retry-After}, in seconds. */
    public static final long RETRY_AFTER_SECONDS = 10;

    private static final ThrottledWarning warning = new ThrottledWarning(LoggerFactory.getLogger(BlobStoreUnavailable.class),
            "the S3 blob store cannot be reached");

    private BlobStoreUnavailable() {
    }

    /** True when {@code e} or one of its causes says the S3 store cannot be reached or failed on its side (see above). */
    public static boolean causedBy(Throwable e) {
        return Causes.find(e, t -> (t instanceof SdkClientException && !(t instanceof AbortedException))
                || (t instanceof SdkServiceException s && s.statusCode() >= 500)).isPresent();
    }

    /** Logs a request refused with 503 ({@link #log}), by its method and path (no query). */
    public static void refused(HttpServletRequest request, Throwable e) {
        log("Refused " + request.getMethod() + " " + request.getRequestURI() + " with 503", e);
    }

    /**
     * Logs a failure for want of the blob store: one WARN line naming the SDK's reason (the innermost
     * message, e.g. {@code ConnectException: Connection refused}), or DEBUG when such a WARN was
     * written less than 10 s ago.
     *
     * @param what what failed, e.g. {@code Refused GET /api/files/download with 503}
     */
    public static void log(String what, Throwable e) {
        warning.log(what, e);
    }
}
