package io.modellibrary.common;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database's driver saying it cannot reach the database, however wrapped, is a 503 with
 * {@code Retry-After} in the envelope; a refusal by the database itself (a duplicate key) or any
 * other failure is not.
 */
class DatabaseUnavailableTest {

    private final GlobalExceptionHandler handler = new GlobalExceptionHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/model");

    @Test
    void aTimeoutOrABrokenSocketAnywhereInTheChainIs503WithRetryAfter() {
        var timeout = new DataAccessResourceFailureException("Timed out", new MongoTimeoutException("Timed out after 2000 ms"));
        var socket = new IllegalStateException("reading", new MongoSocketOpenException("Exception opening socket",
                new ServerAddress("/tmp/x/mongo.sock"), new IOException("No such file or directory")));
        for (Exception e : new Exception[]{timeout, socket}) {
            var answer = handler.unexpected(e, request);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(answer.getBody().msg()).isEqualTo(Outage.DATABASE.message());
            assertThat(answer.getBody().code()).isZero();
        }
    }

    @Test
    void theDatabaseRefusingSomethingIsNoOutage() {
        assertThat(Outage.DATABASE.causedBy(new DuplicateKeyException("E11000"))).isFalse();
        assertThat(Outage.DATABASE.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(handler.unexpected(new IllegalStateException("bug"), request).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
