package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring MVC's handler lookup, with the mappings that cannot match a request's first path segment
 * passed over before their conditions are evaluated.
 *
 * <p>Spring looks a path that is no mapping's literal path (every Hub download at
 * {@code /{namespace}/{name}/resolve/...}, every repository page) up by evaluating every mapping's
 * conditions in turn (method, parameters, headers, consumes, produces, version, then the path
 * patterns): about 8 % of a warm server's request time before a download's first byte in JFR
 * (docs/decisions.md, "The first byte again", session 13). A mapping all of whose patterns
 * begin with a literal segment ({@code /api/...}, {@code /settings/...}) can only match a request
 * whose first segment is one of those literals, compared as Spring's {@code LiteralPathElement}
 * compares (the decoded segment without its {@code ;} parameters, case-sensitively); this lookup
 * skips such a mapping when the request's first segment is none of them. Everything else (which
 * mapping wins, ambiguity, 405 and 415) is Spring's own: a skipped mapping is one whose
 * conditions would have answered no match. With a case-insensitive pattern parser, a request
 * path without a first segment, or a mapping with a pattern starting with a variable or a
 * wildcard, nothing is skipped ({@code FirstSegmentMappingsTest} compares every mapped path with
 * Spring's own lookup).
 *
 * <p>Measured as that paragraph tells, on warm servers side by side, 4 interleaved rounds, load
 * 1.6-2.1: an anonymous {@code resolve} of a 100 KB file took 825 instead of 950 µs of server
 * CPU a request and its first byte came after 2.81 instead of 3.11 ms (median); with an {@code hf_}
 * token 1,283 instead of 1,425 µs and 3.45 instead of 3.57 ms.
 */
@Configuration(proxyBeanMethods = false)
class FirstSegmentMappings {

    @Bean
    WebMvcRegistrations firstSegmentHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new Lookup();
            }
        };
    }

    /** The handler mapping; {@link #getMatchingMapping} is the only change. */
    static final class Lookup extends RequestMappingHandlerMapping {

        /** A mapping's possible first segments; {@link #ANY} when it may match any. */
        private final ConcurrentHashMap<RequestMappingInfo, Set<String>> firstSegments = new ConcurrentHashMap<>();
        private static final Set<String> ANY = Set.of();

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            Set<String> literals = firstSegments.computeIfAbsent(info, this::literalFirstSegments);
            if (literals != ANY) {
                String first = firstSegment(request);
                if (first != null && !literals.contains(first)) {
                    return null;
                }
            }
            return super.getMatchingMapping(info, request);
        }

        private Set<String> literalFirstSegments(RequestMappingInfo info) {
            PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
            if (patterns == null || patterns.getPatterns().isEmpty() || getPatternParser() == null
                    || !getPatternParser().isCaseSensitive()) {
                return ANY;
            }
            Set<String> literals = new HashSet<>();
            for (PathPattern pattern : patterns.getPatterns()) {
                String text = pattern.getPatternString();
                if (!text.startsWith("/")) {
                    return ANY;
                }
                int end = text.indexOf('/', 1);
                String segment = end < 0 ? text.substring(1) : text.substring(1, end);
                if (segment.isEmpty() || segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0
                        || segment.indexOf(';') >= 0 || segment.indexOf('%') >= 0) {
                    return ANY;
                }
                literals.add(segment);
            }
            return Set.copyOf(literals);
        }

        /** The request path's first segment as path patterns match it; null when the path does not start {@code /segment}. */
        private static String firstSegment(HttpServletRequest request) {
            if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                return null;
            }
            var elements = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().elements();
            if (elements.size() < 2 || !(elements.get(0) instanceof PathContainer.Separator)
                    || !(elements.get(1) instanceof PathContainer.PathSegment segment)) {
                return null;
            }
            return segment.valueToMatch();
        }
    }
}
