package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.bson.BsonMaximumSizeExceededException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import tools.jackson.core.JacksonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Translates every failure inside Spring MVC into the envelope (docs/http-contract.md). The storage
 * engine's and the content layer's own exceptions are mapped by {@code transfer.EngineExceptionHandler},
 * which is consulted first ({@code common} knows no package above it).
 */
@RestControllerAdvice
class GlobalExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

    private final int maxPartCount;

    GlobalExceptionHandler() {
        this(10);
    }

    @Autowired
    GlobalExceptionHandler(@Value("${server.tomcat.max-part-count:10}") int maxPartCount) {
        this.maxPartCount = maxPartCount;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Envelope<Void>> api(ApiException e) {
        return Errors.body(e.status(), e.getMessage());
    }

    /** 404, or 200 with code 0 under a handler of the seed API ({@link SeedStatus}; docs/http-contract.md#business-no-answers). */
    @ExceptionHandler(NoSuchItemException.class)
    ResponseEntity<Envelope<Void>> noSuchItem(NoSuchItemException e, HandlerMethod handler) {
        boolean seed = handler != null && handler.hasMethodAnnotation(SeedStatus.class);
        return Errors.body(seed ? HttpStatus.OK : HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Envelope<Void>> badRequest(BadRequestException e) {
        return Errors.body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Envelope<Void>> tooManyRequests(TooManyRequestsException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Envelope.refusal(e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Envelope<Void>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return Errors.body(HttpStatus.BAD_REQUEST, e.getName() + " has an invalid value");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Envelope<Void>> missingParameter(MissingServletRequestParameterException e) {
        return Errors.body(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Envelope<Void>> missingPart(MissingServletRequestPartException e) {
        return Errors.body(HttpStatus.BAD_REQUEST, e.getRequestPartName() + " is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope<Void>> unreadable(HttpMessageNotReadableException e) {
        if (TransientRefusal.clientGone(e)) {
            log.debug("The request body was cut off while it was read: {}", e.toString());
            return null; // nothing written: the body-read valve answers 408 for a body too slow, else the client is gone
        }
        log.debug("Unreadable request body: {}", e.getMessage());
        String field = fieldOf(e);
        return Errors.body(HttpStatus.BAD_REQUEST, field == null
                ? "request body is not valid JSON of the expected shape"
                : field + " has a value of the wrong type");
    }

    /** The body field Jackson could not read ({@code isPrivate}, {@code activeFilters.task[2]}), or null. */
    private static String fieldOf(Throwable e) {
        for (Throwable t : Causes.chain(e)) {
            if (t instanceof JacksonException json && !json.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : json.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    /**
     * {@code Accept} names nothing this endpoint produces: 406 in the face's form ({@link ErrorForms}: the
     * envelope, or Git LFS's {@code {"message"}} on its routes, which produce their own media type), written
     * straight to the response because content negotiation has just refused JSON. Raised before any
     * controller is chosen, so no face's own handlers see it.
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        log.debug("Not acceptable: {}", e.getMessage());
        String path = RequestPaths.inApp(request);
        String type = LfsRoutes.matches(path) ? "application/vnd.git-lfs+json" : "application/json";
        ErrorForms.current().write(request, response, HttpStatus.NOT_ACCEPTABLE.value(),
                "this endpoint answers " + type + " only; Accept allows none of it");
    }

    /**
     * A document over the database's size limit (16 MB of BSON in MongoDB): 413 naming
     * that limit, as the driver refuses it before anything is stored.
     */
    @ExceptionHandler(BsonMaximumSizeExceededException.class)
    ResponseEntity<Envelope<Void>> documentTooLarge(BsonMaximumSizeExceededException e) {
        log.info("Refused a write over the database's document size: {}", e.getMessage());
        return Errors.body(HttpStatus.CONTENT_TOO_LARGE,
                "this change would make a database document larger than MongoDB's limit of 16 MB; make it smaller or split it");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Envelope<Void>> invalidBody(MethodArgumentNotValidException e) {
        String msg = e.getBindingResult().getFieldErrors().stream()
                .map(GlobalExceptionHandler::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return Errors.body(HttpStatus.BAD_REQUEST, msg.isEmpty() ? "invalid request" : msg);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Envelope<Void>> invalidParameter(HandlerMethodValidationException e) {
        String msg = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> r.getMethodParameter().getParameterName() + " " + err.getDefaultMessage()))
                .sorted()
                .collect(Collectors.joining("; "));
        return Errors.body(HttpStatus.BAD_REQUEST, msg.isEmpty() ? "invalid request" : msg);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Envelope<Void>> constraintViolation(ConstraintViolationException e) {
        String msg = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return Errors.body(HttpStatus.BAD_REQUEST, msg);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Envelope<Void>> noResource(NoResourceFoundException e) {
        return Errors.body(HttpStatus.NOT_FOUND, "no such path: /" + e.getResourcePath());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Envelope<Void>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(Envelope.refusal("method " + e.getMethod() + " is not allowed here"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Envelope<Void>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return Errors.body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type " + e.getContentType() + " is not supported here");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Envelope<Void>> tooLarge(MaxUploadSizeExceededException e) {
        if (causeOf(e, FileCountLimitExceededException.class) != null) {
            return tooManyParts();
        }
        return Errors.body(HttpStatus.CONTENT_TOO_LARGE, e.getMaxUploadSize() > 0
                ? "request is larger than the limit of " + e.getMaxUploadSize() + " bytes (spring.servlet.multipart)"
                : "request is larger than the configured limit (spring.servlet.multipart)");
    }

    private ResponseEntity<Envelope<Void>> tooManyParts() {
        return Errors.body(HttpStatus.CONTENT_TOO_LARGE, "the form has more parts than the container's limit of "
                + maxPartCount + " (server.tomcat.max-part-count)");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Envelope<Void>> badMultipart(MultipartException e) {
        if (causeOf(e, FileCountLimitExceededException.class) != null) {
            return tooManyParts();
        }
        return Errors.body(HttpStatus.BAD_REQUEST, "request is not a valid multipart form");
    }

    /**
     * Any other refusal Spring MVC classifies as the client's (a missing header, a bad
     * path variable, a parameter Tomcat could not decode): its 4xx status in the
     * envelope, one DEBUG line, no stack trace. A client that closed its connection before
     * the answer was written: one DEBUG line, nothing written. A database that cannot be reached
     * ({@link Outage#DATABASE}), a full disk ({@link StorageFull}), a write to send again
     * ({@link SendAgainException}): as {@link TransientRefusal} says, in the envelope. Other server-side ones stay 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope<Void>> unexpected(Exception e, HttpServletRequest request) {
        HttpStatusCode status = e instanceof ErrorResponse response ? response.getStatusCode() : null;
        if (status != null && status.is4xxClientError()) {
            log.debug("Refused a malformed request: {}", e.toString());
            return Errors.body(status, Errors.generic(status.value()));
        }
        BsonMaximumSizeExceededException tooLarge = causeOf(e, BsonMaximumSizeExceededException.class);
        if (tooLarge != null) {
            return documentTooLarge(tooLarge);
        }
        InvalidParameterException invalid = causeOf(e, InvalidParameterException.class);
        if (invalid != null && String.valueOf(invalid.getMessage()).contains("maxParameterCount")) {
            log.debug("Refused a request of too many parameters: {}", e.toString());
            return Errors.body(HttpStatus.BAD_REQUEST, "the request has more parameters than the server's limit "
                    + "(server.tomcat.max-parameter-count)");
        }
        if (invalid != null) {
            log.debug("Refused a malformed request: {}", e.toString());
            return Errors.body(HttpStatus.BAD_REQUEST, "the request's parameters are not properly encoded");
        }
        if (TransientRefusal.clientGone(e)) {
            log.debug("The client went away before its answer was written: {}", e.toString());
            return null; // nothing can be written any more; a client closing a connection is not the server's failure
        }
        TransientRefusal refusal = TransientRefusal.of(e, request).orElse(null);
        if (refusal != null) {
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON);
            refusal.retryAfterSeconds().ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            return answer.body(Envelope.refusal(refusal.message()));
        }
        log.error("Unexpected failure", e);
        return Errors.body(HttpStatus.INTERNAL_SERVER_ERROR, Errors.INTERNAL);
    }

    /** The first throwable of the type in the cause chain ({@link Causes}), or null. */
    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        return Causes.find(e, type).orElse(null);
    }

    private static String describe(FieldError error) {
        return error.getField() + " " + error.getDefaultMessage();
    }
}
