package io.modellibrary.support;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation of the OpenAPI document ({@code /v3/api-docs}), with what it takes:
 * query parameters and the properties of a JSON or multipart body. Table-driven tests
 * iterate over these, so an endpoint added later is covered without being listed.
 */
public final class ApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");
    /** The Git LFS media type, in which the LFS routes answer (git-lfs {@code docs/api/batch.md}). */
    public static final String LFS_JSON = "application/vnd.git-lfs+json";

    private ApiOperations() {
    }

    /**
     * One operation.
     *
     * @param query        query parameter name → its description
     * @param required     required query parameters
     * @param bodyType     {@code application/json}, {@code multipart/form-data} or null
     * @param bodyFields   the body's top-level properties
     * @param hub          tagged "Hugging Face Hub": answers in the Hub's shapes (docs/hub-api.md), not the envelope
     * @param lfs          a Git LFS route (a Hub one whose documented answers are {@value #LFS_JSON}):
     *                     its errors are {@code {"message": ...}} in that media type, not {@code {"error": ...}}
     * @param pathVariables the path's variables ({@code {namespace}}, {@code {path}}), in the order of the path
     * @param headers      request headers the operation documents ({@code Range}, {@code If-None-Match})
     * @param bodyTypes    every media type the body may have ({@code bodyType} is the last of them)
     */
    public record Operation(String method, String path, Map<String, String> query, Set<String> required,
                            String bodyType, Set<String> bodyFields, boolean hub, boolean lfs,
                            List<String> pathVariables, Set<String> headers, Set<String> bodyTypes) {

        /** True when the operation takes {@code field} in its query string or body. */
        public boolean takes(String field) {
            return query.containsKey(field) || bodyFields.contains(field);
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    public static List<Operation> of(JsonNode doc) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    operations.add(operation(doc, op.getKey(), path.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    private static Operation operation(JsonNode doc, String method, String path, JsonNode op) {
        Map<String, String> query = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        Set<String> headers = new LinkedHashSet<>();
        for (JsonNode p : op.path("parameters")) {
            if ("header".equals(p.path("in").asString())) {
                headers.add(p.path("name").asString());
            }
            if ("query".equals(p.path("in").asString())) {
                query.put(p.path("name").asString(), p.path("description").asString(""));
                if (p.path("required").asBoolean(false)) {
                    required.add(p.path("name").asString());
                }
            }
        }
        String bodyType = null;
        Set<String> bodyTypes = new LinkedHashSet<>();
        Set<String> fields = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> media : op.path("requestBody").path("content").properties()) {
            bodyType = media.getKey();
            bodyTypes.add(media.getKey());
            JsonNode schema = resolve(doc, media.getValue().path("schema"));
            schema.path("properties").propertyNames().forEach(fields::add);
        }
        boolean hub = false;
        for (JsonNode tag : op.path("tags")) {
            hub |= "Hugging Face Hub".equals(tag.asString(""));
        }
        boolean lfs = false;
        for (JsonNode response : op.path("responses")) {
            lfs |= response.path("content").has(LFS_JSON);
        }
        List<String> variables = new ArrayList<>();
        java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (variable.find()) {
            variables.add(variable.group(1));
        }
        return new Operation(method, path, query, required, bodyType, fields, hub, hub && lfs, List.copyOf(variables), headers, bodyTypes);
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }
}
