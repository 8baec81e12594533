package io.modellibrary.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a query string or an {@code application/x-www-form-urlencoded} body that is not
 * valid percent-encoded UTF-8 ({@code ?name=%}, {@code ?path=%C3}, RFC 3986 §2.1) with a
 * 400 envelope naming the parameter, before anything else reads it: the container (or
 * Spring's form filter for PUT, PATCH and DELETE) would otherwise fail deep inside
 * whichever code first asked for a parameter. One DEBUG line, no stack trace: nobody can
 * fill the log from outside. Form bodies over {@link #MAX_FORM_BYTES} are refused with
 * 413: no endpoint takes one that large. More parameters (query plus form, counted as
 * Tomcat counts them: non-empty {@code &}-separated chunks) than the connector's
 * {@code maxParameterCount} ({@code server.tomcat.max-parameter-count}, 1,000 by default in
 * Tomcat 11) are refused with a 400 naming that limit; Tomcat would otherwise fail the
 * first parameter read with an exception that says nothing a client could act on. An LFS
 * object's upload is never read as a form, whatever its {@code Content-Type}
 * ({@link LfsRoutes#isObjectUpload}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedQueryFilter extends OncePerRequestFilter {

    static final int MAX_FORM_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(MalformedQueryFilter.class);

    private final int maxParameterCount;
    private final ErrorForms errors;

    MalformedQueryFilter(@Value("${server.tomcat.max-parameter-count:1000}") int maxParameterCount, ErrorForms errors) {
        this.maxParameterCount = maxParameterCount;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String bad = firstMalformed(query);
        int count = countParameters(query);
        HttpServletRequest passed = request;
        if (bad == null && count <= maxParameterCount && isForm(request.getContentType()) && !LfsRoutes.isObjectUpload(request)) {
            byte[] form = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
            if (form.length > MAX_FORM_BYTES) {
                errors.write(request, response, HttpStatus.CONTENT_TOO_LARGE.value(), "a form body is limited to " + MAX_FORM_BYTES + " bytes");
                return;
            }
            String text = new String(form, StandardCharsets.ISO_8859_1);
            bad = firstMalformed(text);
            count += countParameters(text);
            passed = new ReplayedBody(request, new ByteArrayInputStream(form), formFields(request, form));
        }
        if (maxParameterCount >= 0 && count > maxParameterCount) {
            log.debug("Refused a request of {} parameters", count);
            errors.write(request, response, HttpStatus.BAD_REQUEST.value(), tooManyParameters(maxParameterCount));
            return;
        }
        if (bad != null) {
            log.debug("Refused a request that is not percent-encoded UTF-8: {}", bad);
            errors.write(request, response, HttpStatus.BAD_REQUEST.value(), bad + " is not properly percent-encoded UTF-8");
            return;
        }
        chain.doFilter(passed, response);
    }

    /**
     * The form's fields for a POST, where the container would have read them from the body
     * this filter has now consumed, every value of a repeated field in order ({@code paths=a&paths=b},
     * as {@code huggingface_hub get_paths_info} sends a list); none for other methods, whose form
     * bodies Spring's {@code FormContentFilter} reads from the replayed body itself.
     */
    private static Map<String, List<String>> formFields(HttpServletRequest request, byte[] form) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (!"POST".equals(request.getMethod()) || form.length == 0) {
            return fields;
        }
        for (String pair : new String(form, StandardCharsets.ISO_8859_1).split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name != null && !name.isEmpty()) {
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return fields;
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** The 400's message when a request has more parameters than {@code limit}. */
    static String tooManyParameters(int limit) {
        return "the request has more than " + limit + " parameters (query and form together), the server's limit "
                + "(server.tomcat.max-parameter-count)";
    }

    /** Parameters as Tomcat counts them: the non-empty {@code &}-separated chunks. */
    static int countParameters(String query) {
        if (query == null || query.isEmpty()) {
            return 0;
        }
        int count = 0;
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (end > start) {
                count++;
            }
            start = end + 1;
        }
        return count;
    }

    /** {@code query parameter <name>} for the first malformed pair, or null when all decode. */
    static String firstMalformed(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName);
            if (name == null) {
                return "a query parameter name";
            }
            if (eq >= 0 && decode(pair.substring(eq + 1)) == null) {
                return "query parameter " + name;
            }
        }
        return null;
    }

    /** The decoded text ({@code +} is a space), or null when an escape or the UTF-8 is malformed. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0x7f) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
