package io.modellibrary.common;

import jakarta.validation.ConstraintViolationException;
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

import java.util.stream.Collectors;

/** Translates every failure inside Spring MVC into the envelope of CONTRACT.md. */
@RestControllerAdvice
class GlobalExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Envelope<Void>> api(ApiException e, HandlerMethod handler) {
        if (e instanceof NoSuchItemException && handler != null && handler.hasMethodAnnotation(SeedStatus.class)) {
            return ResponseEntity.ok(Envelope.refusal(e.getMessage()));
        }
        return Errors.body(e.status(), e.getMessage());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Envelope<Void>> tooManyRequests(TooManyRequestsException e) {
        return ResponseEntity.status(e.status())
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
        log.debug("Unreadable request body", e);
        return Errors.body(HttpStatus.BAD_REQUEST, "request body is not valid JSON of the expected shape");
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
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                .body(Envelope.refusal("method " + e.getMethod() + " is not allowed here"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Envelope<Void>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return Errors.body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type " + e.getContentType() + " is not supported here");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Envelope<Void>> tooLarge(MaxUploadSizeExceededException e) {
        return Errors.body(HttpStatus.CONTENT_TOO_LARGE, "request is larger than the configured limit");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Envelope<Void>> badMultipart(MultipartException e) {
        return Errors.body(HttpStatus.BAD_REQUEST, "request is not a valid multipart form");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope<Void>> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return Errors.body(HttpStatus.INTERNAL_SERVER_ERROR, Errors.INTERNAL);
    }

    private static String describe(FieldError error) {
        return error.getField() + " " + error.getDefaultMessage();
    }
}
