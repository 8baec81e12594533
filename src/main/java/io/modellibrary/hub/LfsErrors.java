package io.modellibrary.hub;

import io.modellibrary.blob.BlobMismatchException;
import io.modellibrary.common.TransientRefusal;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.DamagedBlobException;
import io.modellibrary.content.TooLargeException;
import io.modellibrary.transfer.RequestBodyStream;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.util.Map;

/**
 * The error form of the Git LFS routes ({@code {"message": ...}}, {@code application/vnd.git-lfs+json}),
 * as controller-local handlers: LFS controllers extend this class, so these handlers take
 * precedence over the Hub form of {@link HubExceptionHandler}.
 */
abstract class LfsErrors {

    /** The Git LFS media type. */
    static final String LFS_JSON = "application/vnd.git-lfs+json";
    private static final Logger log = LoggerFactory.getLogger(LfsErrors.class);

    @ExceptionHandler(LfsException.class)
    ResponseEntity<Map<String, String>> lfs(LfsException e) {
        return answer(e.status(), e.getMessage());
    }

    @ExceptionHandler(NoSuchItemException.class)
    ResponseEntity<Map<String, String>> missing(NoSuchItemException e) {
        return answer(HttpStatus.NOT_FOUND, HubException.REPO_NOT_FOUND_MESSAGE);
    }

    @ExceptionHandler(HubException.class)
    ResponseEntity<Map<String, String>> hub(HubException e) {
        return answer(e.status(), e.getMessage());
    }

    /** A download whose stored object is missing or damaged: 500, logged as an ERROR by {@link DamagedBlobException#check}. */
    @ExceptionHandler(DamagedBlobException.class)
    ResponseEntity<Map<String, String>> damaged(DamagedBlobException e) {
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }

    @ExceptionHandler(TooLargeException.class)
    ResponseEntity<Map<String, String>> tooLarge(TooLargeException e) {
        return answer(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler({BadRequestException.class, BlobMismatchException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(RequestBodyStream.Interrupted.class)
    ResponseEntity<Map<String, String>> interrupted(RequestBodyStream.Interrupted e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, String>> api(ApiException e) {
        return answer(e.status(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> other(Exception e, HttpServletRequest request) {
        ClientErrors.Refusal refusal = ClientErrors.of(e);
        if (refusal != null) {
            log.debug("Refused a malformed Git LFS request: {}", e.toString());
            return answer(refusal.status(), refusal.message());
        }
        if (e instanceof org.springframework.beans.TypeMismatchException
                || e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
            return answer(HttpStatus.BAD_REQUEST, "bad request: a path segment or the body cannot be read");
        }
        TransientRefusal passing = TransientRefusal.of(e, request).orElse(null);
        if (passing != null) { // a full disk is the Git LFS batch API's 507 (docs/api/batch.md)
            return HubExceptionHandler.retryAfter(answer(passing.status(), passing.message()), passing);
        }
        log.error("Unexpected failure on a Git LFS route", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal server error");
    }

    static ResponseEntity<Map<String, String>> answer(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(LFS_JSON))
                .header(HubHeaders.ERROR_MESSAGE, HubHeaders.headerSafe(message)).body(Map.of("message", message));
    }
}
