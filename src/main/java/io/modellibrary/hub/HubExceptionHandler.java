package io.modellibrary.hub;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.common.TransientRefusal;
import io.modellibrary.content.DamagedBlobException;
import io.modellibrary.content.TooLargeException;
import io.modellibrary.versioning.ConcurrentChangeException;
import io.modellibrary.versioning.HeadMovedException;
import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.RefExistsException;
import io.modellibrary.versioning.TooManyRefsException;
import io.modellibrary.versioning.WriteInterruptedException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/**
 * Every failure under a Hub controller (this package only; the seed API keeps its envelope),
 * answered as the Hub does: {@code {"error": "<message>"}}, {@code Content-Type: application/json},
 * {@code X-Error-Message} and, for the not-found cases, {@code X-Error-Code}
 * ({@code huggingface_hub/utils/_http.py hf_raise_for_status}, {@code @huggingface/hub error.ts}).
 *
 * <p>Mapping: {@link HubException} as it says; {@link NoSuchItemException} → 404
 * {@code RepoNotFound} (a hub service turns a missing file into {@code EntryNotFound} itself);
 * {@link NoSuchRevisionException} → 404 {@code RevisionNotFound}; {@link HeadMovedException} → 412,
 * as the Hub answers a stale {@code parentCommit} ({@code huggingface_hub tests/test_hf_api.py
 * test_create_commit_conflict}); the other engine conflicts → 409; {@link TooLargeException} → 413;
 * {@link BadRequestException} → 400; {@link ApiException} with its status; Spring MVC's own client
 * errors with their status ({@link ClientErrors}); the transient refusals (database unavailable, storage
 * full, send again) as {@link TransientRefusal} classifies them; anything else 500 with a generic text.
 *
 * <p>Ordered before {@code transfer.EngineExceptionHandler} and {@code common.GlobalExceptionHandler},
 * which answer the same exceptions in the envelope for every other controller.
 */
@RestControllerAdvice(basePackageClasses = HubExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HubExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(HubExceptionHandler.class);
    /** {@code X-Error-Code} of a file whose stored bytes are missing or damaged (ours; the Hub has none for it). */
    static final String STORED_FILE_DAMAGED = "StoredFileDamaged";

    @ExceptionHandler(HubException.class)
    ResponseEntity<Map<String, String>> hub(HubException e) {
        return answer(e.status(), e.code(), e.getMessage(), e.repoCommit());
    }

    @ExceptionHandler(NoSuchItemException.class)
    ResponseEntity<Map<String, String>> noSuchItem(NoSuchItemException e) {
        return hub(HubException.repoNotFound());
    }

    @ExceptionHandler(NoSuchRevisionException.class)
    ResponseEntity<Map<String, String>> noSuchRevision(NoSuchRevisionException e) {
        return hub(HubException.revisionNotFound(e.getMessage()));
    }

    @ExceptionHandler(HeadMovedException.class)
    ResponseEntity<Map<String, String>> headMoved(HeadMovedException e) {
        return answer(HttpStatus.PRECONDITION_FAILED, null, e.getMessage(), null);
    }

    @ExceptionHandler({ConcurrentChangeException.class, RefExistsException.class, TooManyRefsException.class})
    ResponseEntity<Map<String, String>> conflict(RuntimeException e) {
        return answer(HttpStatus.CONFLICT, null, e.getMessage(), null);
    }

    @ExceptionHandler(WriteInterruptedException.class)
    ResponseEntity<Map<String, String>> interrupted(WriteInterruptedException e) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage(), null);
    }

    @ExceptionHandler(TooLargeException.class)
    ResponseEntity<Map<String, String>> tooLarge(TooLargeException e) {
        return answer(HttpStatus.CONTENT_TOO_LARGE, null, e.getMessage(), null);
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Map<String, String>> badRequest(BadRequestException e) {
        return answer(HttpStatus.BAD_REQUEST, null, e.getMessage(), null);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, String>> api(ApiException e) {
        return answer(e.status(), null, e.getMessage(), null);
    }

    /** A committed file whose blob is missing or cut on disk: 500; the ERROR is logged where it was found. */
    @ExceptionHandler(DamagedBlobException.class)
    ResponseEntity<Map<String, String>> damagedBlob(DamagedBlobException e) {
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, STORED_FILE_DAMAGED, e.getMessage(), null);
    }

    /** Spring MVC's client errors (missing parameter, wrong method, bad body) keep their status; the rest is 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> other(Exception e, HttpServletRequest request) {
        if (TransientRefusal.clientGone(e)) {
            log.debug("The client went away: {}", e.toString());
            return null;
        }
        ClientErrors.Refusal refusal = ClientErrors.of(e);
        if (refusal != null) {
            log.debug("Refused a malformed Hub request: {}", e.toString());
            return answer(refusal.status(), null, refusal.message(), null);
        }
        if (e instanceof org.springframework.beans.TypeMismatchException
                || e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
            log.debug("Refused a malformed Hub request: {}", e.toString());
            return answer(HttpStatus.BAD_REQUEST, null, "bad request: a path segment or the body cannot be read", null);
        }
        TransientRefusal passing = TransientRefusal.of(e, request).orElse(null);
        if (passing != null) {
            return retryAfter(answer(passing.status(), null, passing.message(), null), passing);
        }
        log.error("Unexpected failure on a Hub route", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, null, "internal server error", null);
    }

    /** The answer with the refusal's {@code Retry-After}, if it gives one (the huggingface_hub client reads it on a 503). */
    static ResponseEntity<Map<String, String>> retryAfter(ResponseEntity<Map<String, String>> answer,
                                                        TransientRefusal refusal) {
        if (refusal.retryAfterSeconds().isEmpty()) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds().getAsLong())).body(answer.getBody());
    }

    private static ResponseEntity<Map<String, String>> answer(HttpStatusCode status, String code, String message,
                                                            String repoCommit) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (code != null) {
            answer.header(HubHeaders.ERROR_CODE, code);
        }
        answer.header(HubHeaders.ERROR_MESSAGE, HubHeaders.headerSafe(message));
        if (repoCommit != null) {
            answer.header(HubHeaders.REPO_COMMIT, repoCommit);
        }
        answer.header(HttpHeaders.CACHE_CONTROL, "no-store");
        return answer.body(Map.of("error", message));
    }
}
