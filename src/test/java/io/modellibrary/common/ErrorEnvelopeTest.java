package io.modellibrary.common;

import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

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

    @RestController
    static class Exploding {
        @GetMapping("/explode")
        String explode() {
            throw new IllegalStateException("secret detail");
        }
    }
}
