package io.modellibrary.common;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;


/**
 * Recognises a request that failed because the database cannot be reached: the MongoDB driver's
 * {@link MongoTimeoutException} (no server could be selected: the socket or host is gone) or
 * {@link MongoSocketException} (a connection broke or could not open), anywhere in a cause chain,
 * or Spring's {@link DataAccessResourceFailureException}, which {@code MongoTemplate} turns them
 * into. The typical case: a server that joined another server's embedded database through its
 * socket (README "The database, two ways") after that server stopped. Every face answers it with
 * 503 Service Unavailable (RFC 9110 §15.6.4) and {@code Retry-After: }{@value #RETRY_AFTER_SECONDS}
 * in its own error form: the request is fine, the server cannot serve it now.
 *
 * <p>The log gets one WARN line without a stack trace, at most every 10 s ({@link ThrottledWarning}) (the
 * next one counts the requests refused meanwhile, which are logged at DEBUG): a database that is
 * gone for an hour under load must not fill the disk with identical stack traces. Scheduled
 * tasks that fail for the same reason are logged the same way ({@link ScheduledTaskErrors}).
 */
public final class DatabaseUnavailable {

    /** The answer's message. */
    public static final String MESSAGE = "the database is unavailable: nothing of this request was done; try again shortly";
    /** The answer's {@code Retry-After}, in seconds. */
    public static final long RETRY_AFTER_SECONDS = 5;
    private static final ThrottledWarning warning = new ThrottledWarning(LoggerFactory.getLogger(DatabaseUnavailable.class),
            "the database is unavailable");

    private DatabaseUnavailable() {
    }

    /** True when {@code e} or one of its causes says the database cannot be reached (see above). */
    public static boolean causedBy(Throwable e) {
        return Causes.find(e, t -> t instanceof MongoTimeoutException || t instanceof MongoSocketException
                || t instanceof DataAccessResourceFailureException).isPresent();
    }

    /** Logs a request refused with 503 ({@link #log}), by its method and path ({@code GET /api/models}; no query). */
    public static void refused(HttpServletRequest request, Throwable e) {
        log("Refused " + request.getMethod() + " " + request.getRequestURI() + " with 503", e);
    }

    /**
     * Logs a failure for want of the database: one WARN line naming the driver's reason (the innermost
     * message), or DEBUG when such a WARN was written less than {@link ThrottledWarning#EVERY} ago.
     *
     * @param what what failed, e.g. {@code Refused GET /api/models with 503}
     */
    public static void log(String what, Throwable e) {
        warning.log(what, e);
    }

    /**
     * The innermost message of the chain, after its exception's simple class name: the driver's own words
     * ({@code MongoSocketOpenException: Exception opening socket}, {@code NativeException: Broken pipe}).
     */
    public static String reason(Throwable e) {
        return ThrottledWarning.reason(e);
    }
}
