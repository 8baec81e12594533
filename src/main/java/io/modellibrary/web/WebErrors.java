package io.modellibrary.web;

import io.modellibrary.common.ApiException;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.Outage;
import io.modellibrary.common.RequestPaths;
import io.modellibrary.common.TransientRefusal;
import io.modellibrary.common.NoSuchItemException;
import io.modellibrary.content.DamagedBlobException;
import io.modellibrary.content.TooLargeException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.security.UserDirectory;
import io.modellibrary.versioning.HeadMovedException;
import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.RefExistsException;
import io.modellibrary.versioning.TooManyRefsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.function.BiConsumer;

/**
 * For the web pages only: every page knows its signed-in user ({@code me}; their avatar {@code myAvatar}, null
 * without one, and the count of invitations waiting for them, {@code myInvitations}) and has its CSRF
 * token generated before rendering (so that its cookie is set before the page is written), and
 * a failure answers an HTML error page with the API's status: 404 for a missing or invisible
 * repository, revision or file (the same page for each, so a private repository cannot be told
 * from a missing one), 400, 403, 409, 413 with the service's message.
 */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        common(request, model::addAttribute);
    }

    /** The variables every page has ({@code me}, {@code myAvatar}, {@code myInvitations}, the CSRF token), into {@code model}; also for {@link RefusalPages}. */
    static void common(HttpServletRequest request, BiConsumer<String, Object> model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        CurrentUser me = auth != null && auth.getPrincipal() instanceof CurrentUser user ? user : null;
        model.accept("me", me);
        // the header's avatar and invitations: from the user's document as the session check read it (no read of their own)
        UserDirectory.SessionUser read = me != null && request.getAttribute(UserDirectory.SessionUser.ATTRIBUTE)
                instanceof UserDirectory.SessionUser u && u.id().equals(me.id()) ? u : null;
        model.accept("myAvatar", read == null ? null : read.avatar());
        model.accept("myInvitations", read == null ? 0 : read.invitations());
        // The header's search looks for datasets on dataset pages (their URLs start with /datasets), models elsewhere.
        String path = RequestPaths.inApp(request);
        model.accept("searchDatasets", path.equals("/datasets") || path.startsWith("/datasets/") || path.equals("/new-dataset"));
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            model.accept("csrfToken", csrf.getToken());
            model.accept("csrfHeader", csrf.getHeaderName());
        }
    }

    @ExceptionHandler({NoSuchItemException.class, NoSuchRevisionException.class})
    ModelAndView notFound(RuntimeException e, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "Not found", "There is nothing here, or you may not see it.", request);
    }

    /**
     * A repository page asked for under an old name of a repository the caller may see ({@link PageRepos}):
     * 302 to the same page under the current name. A 302, not a 301: the old name can be taken by a new
     * repository later, and a browser must not remember the move for ever (docs/decisions.md W8).
     */
    @ExceptionHandler(PageRepos.OldRepoName.class)
    void renamed(PageRepos.OldRepoName e, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.LOCATION, e.location(request));
    }

    @ExceptionHandler(BadRequestException.class)
    ModelAndView badRequest(BadRequestException e, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), request);
    }

    @ExceptionHandler(TooLargeException.class)
    ModelAndView tooLarge(TooLargeException e, HttpServletRequest request) {
        return page(HttpStatus.CONTENT_TOO_LARGE, "Too large", e.getMessage(), request);
    }

    @ExceptionHandler({HeadMovedException.class, RefExistsException.class, TooManyRefsException.class})
    ModelAndView conflict(RuntimeException e, HttpServletRequest request) {
        return page(HttpStatus.CONFLICT, "Changed meanwhile", e.getMessage(), request);
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView api(ApiException e, HttpServletRequest request) {
        HttpStatus status = e.status().is2xxSuccessful() ? HttpStatus.BAD_REQUEST : e.status();
        if (status == HttpStatus.UNAUTHORIZED) {
            return new ModelAndView("redirect:" + AccountPageController.signInFor(request));
        }
        return page(status, status == HttpStatus.FORBIDDEN ? "Not allowed" : "Refused", e.getMessage(), request);
    }

    /**
     * A file whose stored blob is missing or damaged: 500 saying so, never its remains shown as the file
     * (the ERROR was logged by {@link DamagedBlobException#check}, once, as for a download).
     */
    @ExceptionHandler(DamagedBlobException.class)
    ModelAndView damagedBlob(DamagedBlobException e, HttpServletRequest request) {
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "Stored file damaged", e.getMessage(), request);
    }

    /**
     * Spring MVC's client errors (a page number that is not a number, a wrong method, a body it cannot
     * read) keep their 4xx as a page (a 500 before: found by the hostile-input suite); the transient refusals
     * ({@link TransientRefusal}: a database or S3 file store that cannot be reached ({@link Outage}), a full disk,
     * a write to send again) are their 503 or 507 page with any {@code Retry-After}; the rest is 500.
     */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        TransientRefusal passing = TransientRefusal.of(e, request).orElse(null);
        if (passing != null) {
            passing.retryAfterSeconds().ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            return switch (passing.kind()) {
                case DATABASE_UNAVAILABLE -> page(passing.status(), "Unavailable for a moment",
                        "The server cannot reach its database just now. Nothing was changed; try again in a few seconds.", request);
                case BLOB_STORE_UNAVAILABLE -> page(passing.status(), "Unavailable for a moment",
                        "The server's file store is unreachable just now. Nothing was changed; try again in a few seconds.", request);
                case STORAGE_FULL -> page(passing.status(), "Storage full",
                        "The server's storage is full. Nothing was changed; try again later.", request);
                case SEND_AGAIN -> page(passing.status(), "Upload not finished",
                        passing.message() + ". Nothing was changed.", request);
            };
        }
        HttpStatus client = clientError(e);
        if (client != null) {
            log.debug("web page {} refused: {}", request.getRequestURI(), e.toString());
            String named = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
                    ? "the parameter " + m.getName() + " is not valid" : "this address or form cannot be read";
            return page(client, "Refused", named, request);
        }
        log.error("web page {} failed", request.getRequestURI(), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong", "The server could not show this page.", request);
    }

    private static HttpStatus clientError(Exception e) {
        if (e instanceof org.springframework.beans.TypeMismatchException
                || e instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof org.springframework.web.ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            return HttpStatus.valueOf(response.getStatusCode().value());
        }
        return null;
    }

    private ModelAndView page(HttpStatus status, String title, String message, HttpServletRequest request) {
        ModelAndView view = new ModelAndView("error-page", status);
        view.addObject("status", status.value());
        view.addObject("title", title);
        view.addObject("message", message);
        common(request, view::addObject);
        return view;
    }
}
