package io.modellibrary.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every endpoint that takes its fields from the query string also takes them from a JSON
 * object body ({@code POST /api/like} with {@code {"name": ..., "type": ...}}): the body's
 * top-level strings, numbers and booleans become request parameters the query string
 * does not already give. The body stays readable for endpoints that bind it themselves.
 * Bodies over {@link #MAX_BYTES} pass through untouched and unbuffered: parameters are
 * small, and endpoints with large JSON bodies (a text file) bind those themselves.
 */
@Component
class JsonBodyParameters extends OncePerRequestFilter {

    static final int MAX_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isJson(request.getContentType()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        InputStream in = request.getInputStream();
        byte[] head = in.readNBytes(MAX_BYTES + 1);
        if (head.length > MAX_BYTES) {
            chain.doFilter(new ReplayedBody(request, new SequenceInputStream(new ByteArrayInputStream(head), in), Map.of()), response);
            return;
        }
        chain.doFilter(new ReplayedBody(request, new ByteArrayInputStream(head), fields(head)), response);
    }

    /** The object's scalar fields as text; nothing for another JSON value or malformed JSON (the endpoint says what is wrong). */
    private static Map<String, String> fields(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                node.properties().forEach(e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        fields.put(e.getKey(), e.getValue().asString());
                    }
                });
            }
        } catch (JacksonException e) {
            // Not JSON after all: no parameters from it.
        }
        return fields;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
