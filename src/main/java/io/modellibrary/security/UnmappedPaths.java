package io.modellibrary.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Matches a request that no controller maps (no path pattern matches, whatever the method):
 * such a request is let through to Spring MVC, which answers 404 to everyone, anonymous
 * callers included, instead of a 401 that would suggest the path exists behind a login
 * (the Hub's clients read a 401 on a repository URL as "repository not found or private").
 * A path that exists with another method or media type is not matched: the usual rules (401,
 * then 405 or 415) apply. One handler lookup, as the dispatcher will do again.
 */
final class UnmappedPaths implements RequestMatcher {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    UnmappedPaths(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
        if (mapping == null) {
            return false;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        try {
            if (!parsed) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            return mapping.getHandler(request) == null;
        } catch (Exception e) {
            return false; // mapped for another method or content type
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
