package io.modellibrary.web;

import io.modellibrary.common.ErrorForms;
import io.modellibrary.common.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the multipart body of the pages' small file forms (sign-up and the avatar, at most
 * {@code spring.servlet.multipart.max-request-size}) before the CSRF check, so that their
 * {@code _csrf} travels as a form field like every other form's, not in the action's query
 * string, where a browser without scripts kept it in the address bar and its history after a
 * refused attempt (the page of the refusal is the POST's URL).
 * <p>
 * Tomcat parses a multipart body for {@code getParameter} only when nothing has asked for the
 * body's stream first, and {@code transfer.BodyReadValve} has; an explicit {@code getParts()}
 * parses it in any case, with the dispatcher servlet's multipart limits. A body past those
 * limits is refused here with a 413 page (it was the API's JSON envelope, from the exception
 * handler that met it later), a body that is not multipart with a 400 page.
 */
class SmallFormParts extends OncePerRequestFilter {

    /** The pages whose forms are {@code multipart/form-data} and read by Spring's multipart resolver. */
    static final Set<String> PATHS = Set.of("/signup", "/settings/profile/avatar");

    private final ErrorForms errors;
    private final String limits;

    /**
     * @param errors       writes a refusal as a page
     * @param limits       the limits as a reader would state them, such as "3 MB in all, a file at most 2 MB"
     */
    SmallFormParts(ErrorForms errors, String limits) {
        this.errors = errors;
        this.limits = limits;
    }

    /** The most of a refused body read before answering; past it the connection is closed after the answer. */
    static final int MAX_DRAINED_BYTES = 16 * 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !PATHS.contains(RequestPaths.inApp(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParts();
        } catch (IllegalStateException e) { // Tomcat's wrapping of a size limit exceeded
            drain(request);
            // refused before security runs, so the page cannot show who is signed in: it says what to do, with a way back
            String path = RequestPaths.inApp(request);
            boolean avatar = path.equals("/settings/profile/avatar");
            request.setAttribute(RefusalPages.BACK_URL, request.getContextPath() + (avatar ? "/settings/profile" : "/signup"));
            request.setAttribute(RefusalPages.BACK_LABEL, avatar ? "Back to your profile settings" : "Back to the sign-up form");
            errors.write(request, response, HttpStatus.CONTENT_TOO_LARGE.value(), "this form is limited to " + limits
                    + ". Nothing was changed: choose a smaller " + (avatar ? "image" : "avatar") + " and send the form again.");
            return;
        } catch (ServletException | IOException e) {
            if (response.isCommitted()) {
                throw e;
            }
            errors.write(request, response, HttpStatus.BAD_REQUEST.value(), "this form's body is not valid multipart/form-data");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Reads what the parser left of a refused body, up to {@link #MAX_DRAINED_BYTES}, so that the
     * browser has sent its form before the refusal comes: answering while it still sends made the
     * connection's close race the answer, and a client could lose the page (a reset instead of
     * the 413). A client that stops sending is cut off by the body-reading valve's minimum rate.
     */
    private static void drain(HttpServletRequest request) {
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        try {
            InputStream body = request.getInputStream();
            for (int n = body.read(sink); n != -1 && read <= MAX_DRAINED_BYTES; n = body.read(sink)) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the body is gone or unreadable: answer anyway
        }
    }
}
