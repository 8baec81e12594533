package io.modellibrary.common;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page: failures that happen outside Spring MVC (a request the
 * servlet container rejects, an exception in a filter) still answer in the envelope,
 * with a generic text; details stay in the server log. Not part of the API document.
 */
@RestController
@Hidden
class EnvelopeErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Envelope<Void>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        return Errors.body(status, Errors.generic(status.value()));
    }
}
