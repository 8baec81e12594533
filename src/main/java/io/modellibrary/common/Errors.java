package io.modellibrary.common;

import tools.jackson.core.io.JsonStringEncoder;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Error envelopes, for MVC handlers and for filters that answer before MVC runs. */
public final class Errors {

    public static final String INTERNAL = "internal server error";

    private Errors() {
    }

    /** The text for a failure that carries no message of its own: its reason, or a generic one for 5xx. */
    public static String generic(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return status >= 500 || known == null ? INTERNAL : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * An error envelope as JSON whatever the request's {@code Accept} says: an error is
     * reported, not negotiated away into a second failure (a 406 while writing a 400).
     */
    public static ResponseEntity<Envelope<Void>> body(HttpStatusCode status, String msg) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Envelope.refusal(msg));
    }

    /** Writes an error envelope straight to the servlet response (filters, entry points). */
    public static void write(HttpServletResponse response, int status, String msg) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        StringBuilder json = new StringBuilder("{\"code\":0,\"msg\":\"");
        JsonStringEncoder.getInstance().quoteAsString(msg, json);
        response.getWriter().write(json.append("\",\"data\":null}").toString());
    }
}
