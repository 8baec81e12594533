package io.modellibrary.common;

import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springdoc.core.events.SpringDocAppInitializer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI document describes every operation: a summary, described parameters, and a
 * success response with an example body (or, for a byte stream, a binary media type and a
 * description of the bytes); the container's error page is not in it. Examples must be
 * whole envelopes: {@code {"code": int, "msg": string, "data": ...}}. The docs are on by choice,
 * without springdoc's "enabled by default" warnings.
 */
@FullStackTest
@ExtendWith(OutputCaptureExtension.class)
class ApiDocsTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> SUCCESS = List.of("200", "206", "default");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    JsonNode doc;

    @BeforeEach
    void readDocument() throws Exception {
        String body = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        doc = JsonMapper.builder().build().readTree(body);
    }

    @Test
    void theDocsAreOnWithoutSpringDocsStartUpWarnings(CapturedOutput output) throws Exception {
        // springdoc's start-up check (one per page), run again as on start: it warned
        // "SpringDoc /v3/api-docs endpoint is enabled by default. To disable it in production ..." on every start
        assertThat(context.getBeansOfType(SpringDocAppInitializer.class)).hasSize(2)
                .allSatisfy((name, check) -> check.init());
        assertThat(output.getAll()).doesNotContain("enabled by default");
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
    }

    @Test
    void everyOperationHasASummaryDescribedParametersAndAnExampleResponse() {
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                if (operation.path("summary").asString("").isBlank()) {
                    problems.add(where + ": no summary");
                }
                for (JsonNode parameter : operation.path("parameters")) {
                    if (parameter.path("description").asString("").isBlank()) {
                        problems.add(where + ": parameter '" + parameter.path("name").asString() + "' has no description");
                    }
                }
                if (!documentsSuccess(operation.path("responses"), hubShaped(operation))) {
                    problems.add(where + ": no 200 response with an envelope example (or a described binary body)");
                }
            }
        }
        assertThat(operations).as("operations in the document").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void theErrorPageIsNotDocumented() {
        assertThat(doc.path("paths").has("/error")).isFalse();
        assertThat(doc.path("paths").propertyNames()).noneMatch(p -> p.startsWith("/error"));
    }

    @Test
    void theDocumentDescribesTheEnvelope() {
        String description = doc.path("info").path("description").asString("");
        assertThat(description).containsIgnoringCase("envelope")
                .contains("\"code\"").contains("\"msg\"").contains("\"data\"");
    }

    @Test
    void repositoryNamesAndRefNamesAreDocumentedWithTheirRealLimits() {
        Map<String, Integer> limits = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if (parameter.path("schema").has("maxLength")) {
                        limits.put(op.getKey().toUpperCase() + " " + path.getKey() + " " + parameter.path("name").asString(),
                                parameter.path("schema").path("maxLength").asInt());
                    }
                }
            }
        }
        for (Map.Entry<String, JsonNode> schema : doc.path("components").path("schemas").properties()) {
            for (Map.Entry<String, JsonNode> field : schema.getValue().path("properties").properties()) {
                if (field.getValue().has("maxLength")) {
                    limits.put(schema.getKey() + "." + field.getKey(), field.getValue().path("maxLength").asInt());
                }
            }
        }
        assertThat(limits).containsEntry("DELETE /api/like name", 96).containsEntry("GET /api/model name", 96)
                .containsEntry("DELETE /api/refs refName", 100).containsEntry("GET /api/commits revision", 100)
                .containsEntry("RefRequest.refName", 100).containsEntry("Create.name", 96);
        assertThat(limits.values()).as("the old limits, 200 for names and 256 for refs").doesNotContain(200, 256);
    }

    /** Endpoints for the Hugging Face clients answer in the Hub's shapes, not in the envelope. */
    private static boolean hasTextExample(JsonNode body) {
        if (!body.path("example").asString("").isBlank()) {
            return true;
        }
        for (JsonNode example : body.path("examples")) {
            if (!example.path("value").asString("").isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hubShaped(JsonNode operation) {
        for (JsonNode tag : operation.path("tags")) {
            if (tag.asString("").equals("Hugging Face Hub")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A JSON success response with an example (an envelope, or any object or array for a Hub-shaped
     * endpoint: the Hub's lists are bare arrays), a plain-text one with an example text (a Hub-shaped
     * endpoint), or a binary one whose description speaks of the bytes.
     */
    private static boolean documentsSuccess(JsonNode responses, boolean hubShaped) {
        for (String code : SUCCESS) {
            JsonNode response = responses.path(code);
            if (response.isMissingNode()) {
                continue;
            }
            JsonNode content = response.path("content");
            for (Map.Entry<String, JsonNode> media : content.properties()) {
                JsonNode body = media.getValue();
                if (isEnvelope(body.path("example")) || (hubShaped && (body.path("example").isObject() || body.path("example").isArray()))) {
                    return true;
                }
                for (JsonNode example : body.path("examples")) {
                    if (isEnvelope(example.path("value")) || (hubShaped && (example.path("value").isObject() || example.path("value").isArray()))) {
                        return true;
                    }
                }
                if (hubShaped && media.getKey().startsWith("text/plain") && hasTextExample(body)) {
                    return true; // what git shows its user ([.git]/info/refs)
                }
                if (isBinary(media.getKey()) && response.path("description").asString("").toLowerCase().contains("bytes")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isEnvelope(JsonNode example) {
        return example.isObject() && example.path("code").isInt() && example.path("msg").isString() && example.has("data");
    }

    private static boolean isBinary(String mediaType) {
        return mediaType.equals("application/octet-stream") || mediaType.startsWith("image/");
    }
}
