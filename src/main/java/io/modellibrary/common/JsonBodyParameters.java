package io.modellibrary.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
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
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
            chain.doFilter(new BodyParameters(request, new SequenceInputStream(new ByteArrayInputStream(head), in), Map.of()), response);
            return;
        }
        chain.doFilter(new BodyParameters(request, new ByteArrayInputStream(head), fields(head)), response);
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

    /** The request with its body replayed and the body's fields behind the query string's parameters. */
    private static final class BodyParameters extends HttpServletRequestWrapper {

        private final InputStream body;
        private final Map<String, String[]> parameters = new LinkedHashMap<>();

        BodyParameters(HttpServletRequest request, InputStream body, Map<String, String> fields) {
            super(request);
            this.body = body;
            fields.forEach((name, value) -> parameters.put(name, new String[]{value}));
            parameters.putAll(request.getParameterMap());
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = body.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = body.read(b, off, len);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = StandardCharsets.UTF_8;
            try {
                charset = getCharacterEncoding() == null ? charset : Charset.forName(getCharacterEncoding());
            } catch (IllegalArgumentException unknown) {
                // JSON is UTF-8 (RFC 8259 §8.1) whatever the header claims.
            }
            return new BufferedReader(new InputStreamReader(body, charset));
        }
    }
}
