package io.modellibrary.security;

import io.modellibrary.support.Accounts;
import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The default rules: sign-up and login are open, other writes need a token, and only the same origin may call. */
@FullStackTest
class SecurityRulesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    @Test
    void signUpAndLoginNeedNoToken() throws Exception {
        mvc.perform(post("/api/register/verifyUsername").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + Accounts.uniqueName("open") + "\"}"))
                .andExpect(jsonPath("$.code").value(1));
        mvc.perform(post("/api/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + Accounts.uniqueName("open") + "\",\"password\":\"whatever1\"}")
                        .with(r -> { r.setRemoteAddr("10.88.0.1"); return r; }))
                .andExpect(jsonPath("$.msg").value("wrong username or password"));
    }

    @Test
    void otherWritesWithoutATokenAre401NoLogin() throws Exception {
        mvc.perform(post("/api/model").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().json("{\"code\":0,\"msg\":\"no login\",\"data\":null}", true));
        mvc.perform(put("/api/register/submitUserInfo"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void withoutConfiguredOriginsOnlyTheSameOriginMayCall() throws Exception {
        mvc.perform(options("/api/login").header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
        // Browsers send Origin on same-origin POSTs too.
        mvc.perform(post("/api/register/verifyUsername").header(HttpHeaders.ORIGIN, "http://localhost")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + Accounts.uniqueName("same") + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(1));
    }

    @Test
    void theApiDocumentDescribesLoginAndRegistrationAsPublicAndTheBearerScheme() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
                .andExpect(jsonPath("$.paths['/api/login'].post.security").isEmpty())
                .andExpect(jsonPath("$.paths['/api/register/submitUserInfo'].post.security").isEmpty())
                .andExpect(jsonPath("$.paths['/api/register/submitUserInfo'].post.requestBody.content['multipart/form-data']").exists())
                .andExpect(jsonPath("$.components.schemas.RegistrationForm.properties.avatar.format").value("binary"))
                .andExpect(jsonPath("$.security[0].bearer").exists())
                .andExpect(jsonPath("$.paths['/api/personalInformation'].get.security").doesNotExist())
                .andExpect(jsonPath("$.paths['/api/login'].post.responses['200'].headers.Authorization").exists())
                .andExpect(jsonPath("$.tags[*].name", hasItem("Accounts")));
    }
}
