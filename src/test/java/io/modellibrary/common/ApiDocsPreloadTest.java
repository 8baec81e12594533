package io.modellibrary.common;

import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI document is built in the background once the application is ready, so Swagger
 * UI's first load is served from springdoc's cache; and one cached document serves every
 * browser language (a new Accept-Language does not build another). springdoc logs
 * "Init duration for springdoc-openapi" each time it builds the document.
 */
@FullStackTest
@ExtendWith(OutputCaptureExtension.class)
class ApiDocsPreloadTest {

    private static final String BUILT = "Init duration for springdoc-openapi";

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiDocsPreload preload;

    @Test
    void theDocumentIsBuiltBeforeTheFirstRequestAndOnceForEveryLanguage(CapturedOutput output) throws Exception {
        assertThat(preload.build().get(2, TimeUnit.MINUTES)).as("built in the background").isTrue();
        int before = output.getOut().length();

        String plain = document(null);
        for (String language : new String[] {"de-DE", "fr;q=0.5", "en-GB,en;q=0.9", "x-private-tag"}) {
            assertThat(document(language)).as(language).isEqualTo(plain);
        }

        assertThat(output.getOut().substring(before)).doesNotContain(BUILT);
    }

    private String document(String acceptLanguage) throws Exception {
        var request = get("/v3/api-docs");
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
