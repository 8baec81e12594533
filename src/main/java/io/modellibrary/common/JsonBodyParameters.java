package io.modellibrary.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the handlers marked {@link ParametersFromJsonBody} the top-level strings, numbers
 * and booleans of a JSON object body as request parameters the query string does not
 * already give ({@code POST /api/like} with {@code {"name": ..., "type": ...}}). The body
 * stays readable for a {@code @RequestBody} beside them. A filter, not an argument
 * resolver, because the parameters must be in the request for everything that reads them
 * (binding, validation, the error messages): it asks Spring MVC's handler mapping which
 * handler the request goes to and reads the body only for marked ones, so every other
 * JSON body is parsed once, by its endpoint. Bodies over {@link #MAX_BYTES} pass through
 * untouched and unbuffered: parameters are small.
 */
@Component
class JsonBodyParameters extends OncePerRequestFilter {

    static final int MAX_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final ObjectProvider<RequestMappingHandlerMapping> mapping;

    JsonBodyParameters(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
        this.mapping = mapping;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isJson(request.getContentType()) || !request.getRequestURI().startsWith("/api/") || !marked(request);
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

    /** Whether the request goes to a handler marked {@link ParametersFromJsonBody}; false when it goes nowhere. */
    private boolean marked(HttpServletRequest request) {
        RequestMappingHandlerMapping handlers = mapping.getIfAvailable();
        if (handlers == null) {
            return false;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            HandlerExecutionChain chain = handlers.getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod method
                    && (method.hasMethodAnnotation(ParametersFromJsonBody.class)
                    || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ParametersFromJsonBody.class));
        } catch (Exception noHandler) {
            return false; // the dispatcher answers it (405, 415, ...) as before
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    /** The object's scalar fields as text; nothing for another JSON value or malformed JSON (the endpoint says what is wrong). */
    private static Map<String, List<String>> fields(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                node.properties().forEach(e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        fields.put(e.getKey(), List.of(e.getValue().asString()));
                    }
                });
            }
        } catch (JacksonException e) {
            // Not JSON after all: no parameters from it.
        }
        return fields;
    }

    private static boolean isJson(String contentType) {
        MediaType type = JsonContent.parse(contentType);
        return type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
    }
}
