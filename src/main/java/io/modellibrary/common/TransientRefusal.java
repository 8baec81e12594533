package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What every face answers to a failure that is nobody's fault and passes (docs/decisions.md T10d,
 * and the session 16 (apifix) note): the one classifier, each face's exception handler only
 * rendering the answer in its own form (the envelope, the Hub's {@code {"error"}}, Git LFS's
 * {@code {"message"}}, an HTML page), with {@code Retry-After} when one is given. Nothing of
 * the request was kept in any of them.
 *
 * <ul>
 *   <li>{@link Kind#DATABASE_UNAVAILABLE}: {@link Outage#DATABASE}, 503, {@code Retry-After: 5};
 *       logged by {@link Outage#refused}.</li>
 *   <li>{@link Kind#BLOB_STORE_UNAVAILABLE}: {@link Outage#BLOB_STORE} (S3 cannot be reached), 503,
 *       {@code Retry-After: 10}; logged by {@link Outage#refused}.</li>
 *   <li>{@link Kind#STORAGE_FULL}: {@link StorageFull}, 507 Insufficient Storage (RFC 4918 §11.5), no
 *       {@code Retry-After}; one WARN line.</li>
 *   <li>{@link Kind#SEND_AGAIN}: a {@link SendAgainException}, 503 with its own {@code Retry-After}
 *       and message; one WARN line.</li>
 * </ul>
 * Checked in that order: a database that is gone explains a failed write better than what the
 * write then reported.
 *
 * @param kind which of the four
 * @param status the HTTP status to answer
 * @param message the answer's text (the API faces' message; a page may say it in its own words)
 * @param retryAfterSeconds the {@code Retry-After} to send, in seconds, or empty for none
 */
public record TransientRefusal(Kind kind, HttpStatus status, String message, OptionalLong retryAfterSeconds) {

    private static final Logger log = LoggerFactory.getLogger(TransientRefusal.class);

    /** The transient refusals, by cause. */
    public enum Kind { DATABASE_UNAVAILABLE, BLOB_STORE_UNAVAILABLE, STORAGE_FULL, SEND_AGAIN }

    /**
     * The transient refusal {@code e} stands for, logged once as described above, or empty when it
     * is none of them (the face then goes on with its own mapping, ending in 500).
     *
     * @param e the failure a handler caught, whose cause chain is searched ({@link Causes})
     * @param request the request refused, named in the log line by its method and path
     */
    public static Optional<TransientRefusal> of(Throwable e, HttpServletRequest request) {
        Outage outage = Outage.of(e).orElse(null);
        if (outage != null) {
            outage.refused(request, e);
            return Optional.of(new TransientRefusal(outage.kind(), HttpStatus.SERVICE_UNAVAILABLE, outage.message(),
                    OptionalLong.of(outage.retryAfterSeconds())));
        }
        if (StorageFull.causedBy(e)) {
            log.warn("Refused {} {} with 507: the data directory's file system is full ({})",
                    request.getMethod(), request.getRequestURI(), e.toString());
            return Optional.of(new TransientRefusal(Kind.STORAGE_FULL, HttpStatus.INSUFFICIENT_STORAGE,
                    StorageFull.MESSAGE, OptionalLong.empty()));
        }
        SendAgainException lost = SendAgainException.in(e);
        if (lost != null) {
            log.warn("Refused {} {} with 503, to be sent again: {}", request.getMethod(), request.getRequestURI(),
                    lost.getMessage());
            return Optional.of(new TransientRefusal(Kind.SEND_AGAIN, HttpStatus.SERVICE_UNAVAILABLE,
                    lost.getMessage(), OptionalLong.of(lost.retryAfterSeconds())));
        }
        return Optional.empty();
    }

    /**
     * True when {@code e} says the client went away (or cut its body off) before the answer: Tomcat's
     * {@link ClientAbortException} or Spring's {@link AsyncRequestNotUsableException} anywhere in the
     * chain. A face writes nothing then; for a body that came too slowly the body-read valve answers 408.
     */
    public static boolean clientGone(Throwable e) {
        return Causes.find(e, t -> t instanceof ClientAbortException || t instanceof AsyncRequestNotUsableException)
                .isPresent();
    }
}
