package io.modellibrary.common;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Something the server needs that cannot be reached for a while: a request that failed for want of
 * it is fine and nothing of it was done, so every face answers 503 Service Unavailable (RFC 9110
 * §15.6.4) with the outage's {@code Retry-After} and {@link #message()} in its own error form
 * ({@link TransientRefusal}), and the log gets one WARN line without a stack trace at most every
 * {@value #WARN_EVERY_SECONDS} s ({@link ThrottledWarning}; the next one counts the failures meanwhile,
 * which are logged at DEBUG): an outage of an hour under load must not fill the disk with identical
 * stack traces. Scheduled tasks that fail for the same reason are logged the same way
 * ({@link ScheduledTaskErrors}). Each outage logs under the logger it always had
 * ({@code io.modellibrary.common.DatabaseUnavailable}, {@code ...BlobStoreUnavailable}), so that an
 * operator's level for it still applies. docs/decisions.md P7 and P18.
 */
public enum Outage {

    /**
     * The database: the MongoDB driver's {@link MongoTimeoutException} (no server could be selected:
     * the socket or host is gone) or {@link MongoSocketException} (a connection broke or could not
     * open), anywhere in a cause chain, or Spring's {@link DataAccessResourceFailureException}, which
     * {@code MongoTemplate} turns them into. The typical case: a server that joined another server's
     * embedded database through its socket (README "The database, two ways") after that server
     * stopped. {@code Retry-After: 5}.
     */
    DATABASE("the database is unavailable: nothing of this request was done; try again shortly", 5,
            "the database is unavailable", "io.modellibrary.common.DatabaseUnavailable",
            TransientRefusal.Kind.DATABASE_UNAVAILABLE,
            t -> t instanceof MongoTimeoutException || t instanceof MongoSocketException
                    || t instanceof DataAccessResourceFailureException),

    /**
     * The S3 blob store ({@code modellibrary.blobs.store=s3}): the AWS SDK's {@link SdkClientException}
     * anywhere in a cause chain (connection refused, connect or read timeout, an API call timeout: no
     * answer from S3 at all; not its {@link AbortedException}, an interrupted thread), or an answer of
     * S3 itself with a 5xx status (500 InternalError, 503 SlowDown / Service Unavailable) after the
     * SDK's own retries. {@code Retry-After: 10}. A blob the store answers as missing (404) or with
     * other bytes stays "damaged" ({@code content.DamagedBlobException}): that is the store's content,
     * not its reach. A 4xx of S3 (403: wrong keys or a bucket policy) is no outage that passes, and
     * stays a 500.
     */
    BLOB_STORE("the file store is unreachable: nothing of this request was done; try again shortly", 10,
            "the S3 blob store cannot be reached", "io.modellibrary.common.BlobStoreUnavailable",
            TransientRefusal.Kind.BLOB_STORE_UNAVAILABLE,
            t -> (t instanceof SdkClientException && !(t instanceof AbortedException))
                    || (t instanceof SdkServiceException s && s.statusCode() >= 500));

    /** The shortest time between two WARN lines of one outage, in seconds. */
    public static final long WARN_EVERY_SECONDS = 10;

    private final String message;
    private final long retryAfterSeconds;
    private final String cause;
    private final Logger log;
    private final TransientRefusal.Kind kind;
    private final Predicate<Throwable> recognises;
    private final ThrottledWarning warning = new ThrottledWarning(Duration.ofSeconds(WARN_EVERY_SECONDS), Clock.systemUTC());

    Outage(String message, long retryAfterSeconds, String cause, String logger, TransientRefusal.Kind kind,
           Predicate<Throwable> recognises) {
        this.message = message;
        this.retryAfterSeconds = retryAfterSeconds;
        this.cause = cause;
        this.log = LoggerFactory.getLogger(logger);
        this.kind = kind;
        this.recognises = recognises;
    }

    /** The answer's message, the same in every face ("... nothing of this request was done; try again shortly"). */
    public String message() {
        return message;
    }

    /** The answer's {@code Retry-After}, in seconds: 5 for the database, 10 for the blob store. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Which {@link TransientRefusal} this outage is. */
    TransientRefusal.Kind kind() {
        return kind;
    }

    /** True when {@code e} or one of its causes ({@link Causes}) says this outage (see each constant). */
    public boolean causedBy(Throwable e) {
        return Causes.find(e, recognises).isPresent();
    }

    /**
     * The outage {@code e} says, the database first (a database that is gone explains a failed write
     * better than what the write then reported), or empty when it is none.
     */
    public static Optional<Outage> of(Throwable e) {
        return Arrays.stream(values()).filter(outage -> outage.causedBy(e)).findFirst();
    }

    /** Logs a request refused with 503 ({@link #log}), by its method and path ({@code GET /api/models}; no query). */
    public void refused(HttpServletRequest request, Throwable e) {
        log("Refused " + request.getMethod() + " " + request.getRequestURI() + " with 503", e);
    }

    /**
     * Logs a failure for want of what is out: one WARN line {@code what: cause (reason)} naming the
     * innermost message ({@link #reason}) and, when some were, how many such failures were logged at
     * DEBUG since the last one; DEBUG when such a WARN was written less than {@value #WARN_EVERY_SECONDS} s ago.
     *
     * @param what what failed, e.g. {@code Refused GET /api/models with 503}
     * @param e    the failure, named by its innermost message (never with its stack trace)
     */
    public void log(String what, Throwable e) {
        warning.failure(log, what, cause, e);
    }

    /**
     * The innermost message of the chain, after its exception's simple class name: the driver's own words
     * ({@code MongoSocketOpenException: Exception opening socket}, {@code NativeException: Broken pipe}).
     */
    public static String reason(Throwable e) {
        Throwable deepest = e;
        for (Throwable t : Causes.chain(e)) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    }
}
