package io.modellibrary.web;

import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;

import java.io.IOException;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages answer the passing refusals as the API faces do ({@code common.TransientRefusal}): a full disk
 * is a 507 page saying so (it was a 500 "Something went wrong" page before the faces shared one classifier).
 */
class TransientRefusalPagesTest {

    @Test
    void aFullDiskIsA507PageWithoutRetryAfter() throws Exception {
        MockMvc pages = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new WebErrors()).build();
        pages.perform(get("/full"))
                .andExpect(status().is(507))
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(model().attribute("title", "Storage full"))
                .andExpect(model().attribute("message",
                        "The server's storage is full. Nothing was changed; try again later."));
    }

    @Controller
    static class Failing {
        @GetMapping("/full")
        String full() throws IOException {
            throw new IOException("No space left on device");
        }
    }
}
