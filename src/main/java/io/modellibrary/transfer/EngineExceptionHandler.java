package io.modellibrary.transfer;

import io.modellibrary.common.Envelope;
import io.modellibrary.common.Errors;
import io.modellibrary.content.DamagedBlobException;
import io.modellibrary.content.TooLargeException;
import io.modellibrary.versioning.ConcurrentChangeException;
import io.modellibrary.versioning.HeadMovedException;
import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.RefExistsException;
import io.modellibrary.versioning.TooManyRefsException;
import io.modellibrary.versioning.WriteInterruptedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the storage engine's and the content layer's failures answer over HTTP, in the
 * envelope, for every face. These exceptions carry no HTTP status (ArchitectureTest keeps it
 * so); this advice lives here, above {@code common}, so that {@code common} need not know the
 * engine. It is consulted before {@code common}'s GlobalExceptionHandler, whose catch-all
 * would otherwise answer 500. The Hub face's own advice ({@code hub.HubExceptionHandler}, its
 * controllers only, in the Hub's error shape) comes first: hence {@code HIGHEST_PRECEDENCE + 1}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class EngineExceptionHandler {

    /** A revision that names no commit: 404 on every endpoint, since the repository was found. */
    @ExceptionHandler(NoSuchRevisionException.class)
    ResponseEntity<Envelope<Void>> noSuchRevision(NoSuchRevisionException e) {
        return Errors.body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /**
     * The storage engine's refusals that the repository's state explains (its head moved, a
     * name is taken, a limit is reached): 409, their message saying what to do.
     */
    @ExceptionHandler({HeadMovedException.class, ConcurrentChangeException.class, RefExistsException.class,
            TooManyRefsException.class})
    ResponseEntity<Envelope<Void>> conflict(RuntimeException e) {
        return Errors.body(HttpStatus.CONFLICT, e.getMessage());
    }

    /** A write interrupted between its attempts: the server is stopping. */
    @ExceptionHandler(WriteInterruptedException.class)
    ResponseEntity<Envelope<Void>> interrupted(WriteInterruptedException e) {
        return Errors.body(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    /** A file or request over a configured limit: 413 naming the limit. */
    @ExceptionHandler(TooLargeException.class)
    ResponseEntity<Envelope<Void>> tooLarge(TooLargeException e) {
        return Errors.body(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    /** A committed file whose blob is missing or cut on disk: 500; the ERROR was logged where it was found. */
    @ExceptionHandler(DamagedBlobException.class)
    ResponseEntity<Envelope<Void>> damagedBlob(DamagedBlobException e) {
        return Errors.body(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }
}
