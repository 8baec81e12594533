package io.modellibrary.common;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that hangs up while its answer is written (curl killed, a browser tab closed) is
 * not a server failure: nothing more is written and no ERROR with a stack trace is logged
 * (a newcomer's interrupted uploads filled the log with "Unexpected failure").
 */
class ClientGoneTest {

    private final GlobalExceptionHandler handler = new GlobalExceptionHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/models");

    @Test
    void aBrokenPipeWhileWritingTheAnswerWritesNothingMore() {
        var brokenPipe = new HttpMessageNotWritableException("Could not write JSON",
                new AsyncRequestNotUsableException("ServletOutputStream failed to write", new IOException("Broken pipe")));
        assertThat(handler.unexpected(brokenPipe, request)).isNull();
        assertThat(handler.unexpected(new RuntimeException(new ClientAbortException(new IOException("Broken pipe"))), request)).isNull();
    }

    @Test
    void anyOtherFailureIsStillA500() {
        assertThat(handler.unexpected(new IllegalStateException("bug"), request).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
