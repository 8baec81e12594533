package io.modellibrary.common;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** URLs on the address the current request came to (its scheme, host, port and context path, forwarded headers applied). */
public final class RequestUrls {

    private RequestUrls() {
    }

    /**
     * A path of this server ({@code /images/...}) as an absolute URL, as the Hub sends avatars (a client shows
     * the URL as is, and a relative one resolves against nothing there); anything else (null, already absolute)
     * as given. Needs a current request.
     */
    public static String absolute(String path) {
        return path != null && path.startsWith("/") ? base() + path : path;
    }

    /** The server's base URL as the current request reached it, without a trailing "/" ({@code http://host:3000}). */
    public static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
