package io.modellibrary.security;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A web client on a configured origin may call the API and read the token; other origins may not. */
@FullStackTest
@TestPropertySource(properties = "modellibrary.cors.allowed-origins=https://hub.example.org, https://other.example.org")
class CorsTest {

    private static final String ALLOWED = "https://hub.example.org";

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @Test
    void aPreflightFromAnAllowedOriginMaySendTheTokenAndReadItBack() throws Exception {
        mvc.perform(options("/api/login").header(HttpHeaders.ORIGIN, ALLOWED)
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, containsString("authorization")))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, containsString("POST")));
    }

    @Test
    void anAllowedOriginSeesTheRenewedTokenExposed() throws Exception {
        Accounts.SignedIn user = accounts.signUp("cors");

        mvc.perform(get("/api/personalInformation").header(HttpHeaders.ORIGIN, ALLOWED).with(user.bearer()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, containsString(HttpHeaders.AUTHORIZATION)))
                .andExpect(header().exists(HttpHeaders.AUTHORIZATION))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS));
    }

    @Test
    void anotherOriginIsRefusedWith403() throws Exception {
        mvc.perform(options("/api/login").header(HttpHeaders.ORIGIN, "https://evil.example.com")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
                .andExpect(jsonPath("$.msg").value("origin not allowed"));
        mvc.perform(post("/api/login").header(HttpHeaders.ORIGIN, "https://hub.example.org.evil.com")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"x\",\"password\":\"y\"}"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }
}
