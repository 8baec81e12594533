package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * The Content-Security-Policy of requests a face serves as browser pages (implemented by the
 * web face), in place of the API's {@code default-src 'none'}: {@link SecurityHeaders}
 * asks every bean of this type before it sets its own.
 */
public interface PageSecurityPolicy {

    /** The policy for this request when it is one of the face's pages or their assets; empty otherwise. */
    Optional<String> policyFor(HttpServletRequest request);
}
