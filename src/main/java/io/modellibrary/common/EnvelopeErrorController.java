package io.modellibrary.common;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * The container's error page: failures that happen outside Spring MVC (a request the
 * servlet container rejects, an exception in a filter) still answer in the envelope (in
 * the error form of the face whose route it was: {@link ErrorForms}), with a generic
 * text; details stay in the server log. Not part of the API document.
 */
@RestController
@Hidden
class EnvelopeErrorController implements ErrorController {

    private final ErrorForms errors;

    EnvelopeErrorController(ErrorForms errors) {
        this.errors = errors;
    }

    /** The failure in the error form of the face whose route the original request was ({@link ErrorForms}). */
    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        errors.write(request, response, status.value(), Errors.generic(status.value()));
    }
}
