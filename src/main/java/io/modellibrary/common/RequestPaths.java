package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request's path inside the application, the one place that computes it: the raw request URI
 * ({@link HttpServletRequest#getRequestURI()}: not decoded, not normalised, no query string) without
 * the context path. Every route test that must see the path as the client sent it ({@code %2F} inside
 * a segment, a {@code ;} parameter, {@code ..}) reads this, not the servlet path, which the container
 * decodes and normalises.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /**
     * The raw path of {@code request} without its context path ({@code /alice/bert/resolve/main/a%2Fb}
     * for {@code /ctx/alice/bert/resolve/main/a%2Fb} under the context {@code /ctx}); null when the
     * request has no URI. See {@link #inApp(String, String)}.
     */
    public static String inApp(HttpServletRequest request) {
        return inApp(request.getRequestURI(), request.getContextPath());
    }

    /**
     * {@code uri} without the leading {@code contextPath}: the container gives the context path as it
     * stands at the start of the raw URI (Servlet specification, {@code getContextPath}: "the container
     * does not decode this string"), so it is cut off as is. A URI that does not start with it (none
     * from Tomcat; a hand-made request in a test) is given whole, as is any URI under the root context
     * ({@code contextPath} empty or null).
     *
     * @param uri the raw request URI; null gives null
     * @param contextPath the context path, empty or null for the root context
     */
    public static String inApp(String uri, String contextPath) {
        if (uri == null) {
            return null;
        }
        return contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }
}
