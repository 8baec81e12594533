package io.modellibrary.web;

import io.modellibrary.common.RequestPaths;
import io.modellibrary.security.WebPages;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Locale;

/**
 * The site's error page ({@code error-page.html} in the layout, as {@link WebErrors} renders it) for
 * refusals written outside Spring MVC: Spring Security's firewall ({@code ..}, {@code //},
 * {@code %2F} where no route takes one), a CSRF failure, a malformed query string, and the
 * container's own refusals that reach its error report valve ({@code common.JsonErrorReportValve}:
 * an undecodable {@code %ff}, headers over the limit). Rendered from the servlet request alone, with the
 * signed-in user in the header when the session cookie was checked before the refusal (a CSRF or Fetch Metadata
 * refusal, W23); should the template fail, a bare page with the same status and words.
 *
 * <p>A CSRF refusal ({@link WebPages#CSRF_REFUSED}) links back to the page the form came from when the
 * {@code Referer} is of this origin (W23); one of a sign-out answers the "Sign out?" page with a fresh form (W24),
 * one of sign-in or sign-up that form again with a notice and the typed user name (W25), all with status 403
 * and a fresh token; the refused request is never carried out.
 */
@Component
class RefusalPages {

    private static final Logger log = LoggerFactory.getLogger(RefusalPages.class);

    /**
     * Request attributes a filter may set before the refusal: a link back to the form refused ({@link SmallFormParts}),
     * shown under the message (the page otherwise offers the catalogue only).
     */
    static final String BACK_URL = RefusalPages.class.getName() + ".backUrl", BACK_LABEL = RefusalPages.class.getName() + ".backLabel";

    private final ObjectProvider<ITemplateEngine> templates;
    private final ApplicationContext application;

    /**
     * @param application the application, whose servlet context renders a request the container refused
     *                    before mapping it to the application (its own {@code getServletContext()} then fails)
     */
    RefusalPages(ObjectProvider<ITemplateEngine> templates, ApplicationContext application) {
        this.templates = templates;
        this.application = application;
    }

    /**
     * Writes the page with {@code status} (4xx or 5xx) and {@code message}.
     *
     * @throws IOException when the client went away
     */
    void write(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        String title = status == 403 ? "Not allowed" : status == 404 ? "Not found" : status >= 500 ? "Server error" : "Refused";
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        String html = render(request, response, status, title, message);
        response.getWriter().write(html != null ? html : bare(status, title, message));
    }

    private String render(HttpServletRequest request, HttpServletResponse response, int status, String title, String message) {
        try {
            ITemplateEngine engine = templates.getIfAvailable();
            ServletContext servlets = application instanceof WebApplicationContext web ? web.getServletContext() : null;
            if (engine == null || servlets == null) {
                log.debug("No template engine or servlet context: a bare error page for {}", request.getRequestURI());
                return null;
            }
            var exchange = JakartaServletWebApplication.buildApplication(servlets)
                    .buildExchange(new DetachedRequest(request, servlets), response);
            WebContext page = new WebContext(exchange, Locale.ENGLISH);
            WebErrors.common(request, page::setVariable);
            page.setVariable("status", status);
            page.setVariable("title", title);
            page.setVariable("message", message);
            page.setVariable("searchDatasets", false);
            if (request.getAttribute(BACK_URL) instanceof String back) {
                page.setVariable("backUrl", back);
                page.setVariable("backLabel", request.getAttribute(BACK_LABEL));
            }
            if (Boolean.TRUE.equals(request.getAttribute(WebPages.CSRF_REFUSED))) {
                // the page's own forms (the header's sign-out, the fresh form below) carry the token by hand:
                // this rendering has no Spring MVC request context to add it
                page.setVariable("freshCsrf", page.getVariable("csrfToken"));
                String form = freshForm(request, page);
                if (form != null) {
                    return engine.process(form, page);
                }
                sameOriginReferer(request).ifPresent(back -> {
                    page.setVariable("backUrl", back);
                    page.setVariable("backLabel", "Open the form's page again");
                });
            }
            return engine.process("error-page", page);
        } catch (RuntimeException e) {
            log.warn("The error page could not be rendered for {}; a bare one was sent: {}", request.getRequestURI(), e.toString());
            return null;
        }
    }

    /**
     * The template answering a refused sign-out, sign-in or sign-up form (its variables set on {@code page}),
     * or null for any other form: the refusal page then.
     */
    private static String freshForm(HttpServletRequest request, WebContext page) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = RequestPaths.inApp(request);
        String username = request.getParameter("username");
        switch (path) {
            case "/logout", "/settings/account/logout-all" -> {
                page.setVariable("signOutAction", path);
                page.setVariable("everywhere", path.endsWith("logout-all"));
                return "sign-out";
            }
            case "/login" -> {
                page.setVariable("error", EXPIRED);
                page.setVariable("username", username);
                page.setVariable("next", AccountPageController.safeNext(request.getParameter("next")));
                return "login";
            }
            case "/signup" -> {
                page.setVariable("error", EXPIRED);
                page.setVariable("username", username);
                return "signup";
            }
            default -> {
                return null;
            }
        }
    }

    /** The notice above a sign-in or sign-up form sent with a stale or missing CSRF token (W25). */
    static final String EXPIRED = "The form had expired; please send it again.";

    /**
     * The path and query of the request's {@code Referer} when it is of this request's origin (scheme, host,
     * port), for a link back to the form's page; empty for another origin, none or a malformed one.
     */
    static Optional<String> sameOriginReferer(HttpServletRequest request) {
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null) {
            return Optional.empty();
        }
        try {
            URI from = new URI(referer);
            String here = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
            int port = from.getPort() != -1 ? from.getPort() : "https".equalsIgnoreCase(from.getScheme()) ? 443 : 80;
            String there = (from.getScheme() + "://" + from.getHost() + ":" + port).toLowerCase(Locale.ROOT);
            String path = from.getRawPath();
            if (!there.equals(here.toLowerCase(Locale.ROOT)) || path == null || !path.startsWith("/") || path.startsWith("//")) {
                return Optional.empty();
            }
            return Optional.of(from.getRawQuery() == null ? path : path + "?" + from.getRawQuery());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String bare(int status, String title, String message) {
        String heading = status + " " + title;
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + heading
                + "</title></head><body><main><h1>" + heading + "</h1><p>" + HtmlUtils.htmlEscape(message)
                + "</p><p><a href=\"/\">Back to the catalogue</a></p></main></body></html>\n";
    }

    /**
     * The request as the template sees it: the application's servlet context, and attributes of its
     * own. A request the container refused before mapping it to the application has neither a
     * servlet context nor the means to store an attribute (Tomcat's {@code Request} then fails).
     */
    private static final class DetachedRequest extends HttpServletRequestWrapper {

        private final ServletContext servlets;
        private final java.util.Map<String, Object> attributes = new java.util.HashMap<>();

        DetachedRequest(HttpServletRequest request, ServletContext servlets) {
            super(request);
            this.servlets = servlets;
        }

        @Override
        public ServletContext getServletContext() {
            return servlets;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.put(name, null);
        }
    }
}
