package io.modellibrary.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The one walk over a cause chain ({@link Causes}) and the one classifier of passing refusals ({@link TransientRefusal}). */
class CausesTest {

    @Test
    void findsTheFirstOfATypeAnywhereInTheChain() {
        IOException full = new IOException("No space left on device");
        RuntimeException outer = new RuntimeException("upload failed", new IllegalStateException("wrapped", full));
        assertThat(Causes.find(outer, IOException.class)).containsSame(full);
        assertThat(Causes.find(outer, IllegalArgumentException.class)).isEmpty();
        assertThat(Causes.chain(null)).isEmpty();
    }

    @Test
    void aChainThatLoopsEndsAtTheFirstThrowableSeenAgain() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b); // a -> b -> a -> ...
        assertThat(Causes.chain(a)).containsExactly(a, b);
        assertThat(Causes.find(a, IOException.class)).isEmpty();
    }

    @Test
    void aDeepChainIsCutAtTheDepthBound() {
        Throwable deep = new IOException("No space left on device");
        for (int i = 0; i < 100; i++) {
            deep = new RuntimeException("level " + i, deep);
        }
        assertThat(Causes.chain(deep)).hasSize(Causes.MAX_DEPTH);
        assertThat(StorageFull.causedBy(deep)).as("beyond the bound").isFalse();
    }

    /**
     * Before the helper, the seed API's handler followed such a loop for ever. (Spring MVC's own search
     * for a handler method overflows its stack on it first, so the handler is called directly here.)
     */
    @Test
    @Timeout(10)
    void aFailureWhoseCausesLoopIsAnswered500() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        var answer = new GlobalExceptionHandler().unexpected(a, new MockHttpServletRequest("GET", "/api/models"));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().msg()).isEqualTo(Errors.INTERNAL);
    }

    @Test
    void aWriteToSendAgainIs503WithItsRetryAfterInTheEnvelope() throws Exception {
        MockMvc standalone = MockMvcBuilders.standaloneSetup(new ErrorEnvelopeTest.Throwing(
                        new RuntimeException("commit failed", new Lost())))
                .setControllerAdvice(new GlobalExceptionHandler()).build();
        standalone.perform(get("/throw"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(jsonPath("$.msg").value("the upload was lost; send it again"));
    }

    @Test
    void aFullDiskGivesNoRetryAfter() throws Exception {
        MockMvc standalone = MockMvcBuilders.standaloneSetup(new ErrorEnvelopeTest.Throwing(
                        new IOException("No space left on device")))
                .setControllerAdvice(new GlobalExceptionHandler()).build();
        standalone.perform(get("/throw"))
                .andExpect(status().is(507))
                .andExpect(header().doesNotExist("Retry-After"));
    }

    /** A write to be sent again, as the blob store's lost upload is. */
    static final class Lost extends SendAgainException {
        Lost() {
            super("the upload was lost; send it again");
        }

        @Override
        public long retryAfterSeconds() {
            return 7;
        }
    }
}
