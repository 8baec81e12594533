package io.modellibrary.common;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The request content type as the filters and body advice that treat JSON bodies read it. */
final class JsonContent {

    private JsonContent() {
    }

    /** The parsed {@code Content-Type} header value; null when absent or unparseable (the endpoint refuses it later). */
    static MediaType parse(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    /**
     * True for {@code application/json} and {@code application/*+json} (Git LFS's
     * {@code application/vnd.git-lfs+json}): the types Spring's JSON converter reads; no wildcard.
     */
    static boolean isReadAsJson(MediaType type) {
        return type != null && "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }
}
