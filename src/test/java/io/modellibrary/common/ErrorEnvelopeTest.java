package io.modellibrary.common;

import io.modellibrary.transfer.EngineExceptionHandler;
import io.modellibrary.support.FullStackTest;
import io.modellibrary.versioning.ConcurrentChangeException;
import io.modellibrary.versioning.HeadMovedException;
import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.RefExistsException;
import io.modellibrary.versioning.Refs;
import io.modellibrary.versioning.TooManyRefsException;
import io.modellibrary.versioning.WriteInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every failure answers in the envelope with the right status. */
@FullStackTest
class ErrorEnvelopeTest {

    @Autowired
    MockMvc mvc;

    @Test
    void unknownApiPathIs404InTheEnvelope() throws Exception {
        mvc.perform(get("/api/no-such-endpoint"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg", containsString("/api/no-such-endpoint")))
                .andExpect(jsonPath("$.data").doesNotExist());
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        mvc.perform(put("/api/modelLabel"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", containsString("GET")))
                .andExpect(jsonPath("$.code").value(0));
    }

    @Test
    void writeWithoutATokenIs401NoLogin() throws Exception {
        mvc.perform(put("/api/model").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("no login"));
    }

    @Test
    void missingRequiredParameterNamesIt() throws Exception {
        mvc.perform(get("/api/model"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.msg", containsString("name")));
    }

    @Test
    void unexpectedFailureIs500WithAGenericTextOnly() throws Exception {
        MockMvc standalone = MockMvcBuilders.standaloneSetup(new Exploding())
                .setControllerAdvice(new GlobalExceptionHandler()).build();
        standalone.perform(get("/explode"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("internal server error"))
                .andExpect(content().string(not(containsString("secret detail"))));
    }

    static Stream<Arguments> fullDisks() {
        return Stream.of(
                // FileChannel.write on a full file system (sun.nio.ch.IOUtil: the errno text)
                Arguments.of(new java.io.IOException("No space left on device")),
                // Files.move / createDirectories: FileSystemException's message is "<file>: <reason>"
                Arguments.of(new java.nio.file.FileSystemException("/data/blobs/tmp/u1.part", null, "No space left on device")),
                Arguments.of(new java.io.UncheckedIOException(new java.io.IOException("Disk quota exceeded"))),
                Arguments.of(new IllegalStateException("upload failed", new java.io.IOException("No space left on device"))));
    }

    @ParameterizedTest
    @MethodSource("fullDisks")
    void aFullDiskIs507InTheEnvelopeNamingTheCause(Exception failure) throws Exception {
        MockMvc standalone = MockMvcBuilders.standaloneSetup(new Throwing(failure))
                .setControllerAdvice(new GlobalExceptionHandler()).build();
        standalone.perform(get("/throw"))
                .andExpect(status().is(507))
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value(StorageFull.MESSAGE));
    }

    @Test
    void otherIoFailuresStay500() throws Exception {
        assertThat(StorageFull.causedBy(new java.io.IOException("Input/output error"))).isFalse();
        assertThat(StorageFull.causedBy(new IllegalStateException("No space left on device"))).as("not an I/O failure").isFalse();
        MockMvc standalone = MockMvcBuilders.standaloneSetup(new Throwing(new java.io.IOException("Input/output error")))
                .setControllerAdvice(new GlobalExceptionHandler()).build();
        standalone.perform(get("/throw")).andExpect(status().isInternalServerError());
    }

    @RestController
    static class Throwing {
        private final Exception failure;

        Throwing(Exception failure) {
            this.failure = failure;
        }

        @GetMapping("/throw")
        String fail() throws Exception {
            throw failure;
        }
    }

    static Stream<Arguments> storageEngineFailures() {
        return Stream.of(
                Arguments.of(new HeadMovedException("main", "a".repeat(40), "b".repeat(40)), 409,
                        "main has moved: parentCommit " + "a".repeat(40) + " is not the head, " + "b".repeat(40) + " is"),
                Arguments.of(new ConcurrentChangeException(200), 409, "the repository is changing too fast; try again"),
                Arguments.of(new RefExistsException(Refs.Kind.TAG, "v1"), 409, "a tag named v1 already exists"),
                Arguments.of(new TooManyRefsException(1000), 409, "the repository has 1000 branches and tags; delete some first"),
                Arguments.of(new WriteInterruptedException(new InterruptedException()), 503, "the server is shutting down"),
                Arguments.of(new NoSuchRevisionException("no such revision: dev"), 404, "no such revision: dev"),
                Arguments.of(new NoSuchItemException(), 404, "no such item"),
                Arguments.of(new BadRequestException("refName is required"), 400, "refName is required"));
    }

    @ParameterizedTest
    @MethodSource("storageEngineFailures")
    void storageEngineFailuresAnswerTheirStatusAndMessageInTheEnvelope(RuntimeException failure, int status, String msg)
            throws Exception {
        failing(failure).perform(get("/fail"))
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value(msg));
    }

    @Test
    void onSeedEndpointsNoSuchItemIs200ButNoSuchRevisionStays404() throws Exception {
        failing(new NoSuchItemException()).perform(get("/seed/fail"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(0))
                .andExpect(jsonPath("$.msg").value("no such item"));
        failing(new NoSuchRevisionException("no such revision: dev")).perform(get("/seed/fail"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.msg").value("no such revision: dev"));
    }

    private static MockMvc failing(RuntimeException failure) {
        return MockMvcBuilders.standaloneSetup(new Failing(failure))
                .setControllerAdvice(new EngineExceptionHandler(), new GlobalExceptionHandler()).build();
    }

    @RestController
    static class Failing {
        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @GetMapping("/fail")
        String fail() {
            throw failure;
        }

        @SeedStatus
        @GetMapping("/seed/fail")
        String seedFail() {
            throw failure;
        }
    }

    @RestController
    static class Exploding {
        @GetMapping("/explode")
        String explode() {
            throw new IllegalStateException("secret detail");
        }
    }
}
