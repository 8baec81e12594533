package io.modellibrary.web;

import io.modellibrary.versioning.NoSuchRevisionException;
import io.modellibrary.versioning.RefExistsException;
import io.modellibrary.versioning.TooManyRefsException;
import io.modellibrary.account.UsernameTakenException;
import io.modellibrary.common.ApiException;
import io.modellibrary.common.TooManyRequestsException;
import io.modellibrary.common.BadRequestException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.ui.Model;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the pages' forms share: the API's request records checked by the same validation rules,
 * and a refused form shown again with the service's message and its status (400, 403, 409, 413)
 * rather than on an error page, so that a mistyped password or a taken name can be corrected.
 */
final class Forms {

    private Forms() {
    }

    /** Passes when {@code body} (an API request record) satisfies its annotations; a 400 naming each field otherwise. */
    static <T> T valid(Validator validator, T body) {
        Set<ConstraintViolation<T>> problems = validator.validate(body);
        if (!problems.isEmpty()) {
            throw new BadRequestException(problems.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.joining("; ")));
        }
        return body;
    }

    /** The refusal as a page says it: the seed API's "user name registered" reads like a success there. */
    private static String words(ApiException e) {
        return e instanceof UsernameTakenException ? TAKEN : words(e.getMessage());
    }

    private static final String TAKEN = "This name is already taken; choose another.";

    /**
     * The API's field names that its refusals start with, as a page's form names them: a user typed
     * "the new name", not {@code newName} (the API's messages stay as they are).
     */
    private static final Map<String, String> FIELDS = Map.of(
            "newName", "The new name",
            "refName", "A branch or tag name");

    /** {@code message} with a leading API field name ({@link #FIELDS}) said in the page's words; unchanged otherwise. */
    static String words(String message) {
        if (message != null) {
            for (Map.Entry<String, String> field : FIELDS.entrySet()) {
                if (message.startsWith(field.getKey() + " ")) {
                    return field.getValue() + message.substring(field.getKey().length());
                }
            }
        }
        return message;
    }

    /** A form's action: the view name (a {@code redirect:} on success); it may throw {@code X}, such as an {@link java.io.IOException}. */
    @FunctionalInterface
    interface Action<X extends Exception> {
        String run() throws X;
    }

    /**
     * Runs a form's action and answers its view name; when the service refuses (an {@link ApiException}
     * other than 401, a {@link BadRequestException}: 400, a branch or tag that exists or one too many: 409,
     * a revision that names no commit: 404), answers {@code view} again with {@code error}
     * set (in the page's words, {@link #words(String)}) and the refusal's status (400 for the seed API's
     * code-0 answers, which carry 200). The caller then puts what was typed back into the model.
     * A missing or invisible repository ({@code NoSuchItemException}) is not caught: it stays the
     * site's one 404 page.
     *
     * @throws X what the action throws besides those refusals
     */
    static <X extends Exception> String attempt(Action<X> action, String view, HttpServletResponse response, Model model) throws X {
        try {
            return action.run();
        } catch (ApiException e) {
            if (e.status().value() == 401) {
                throw e;
            }
            response.setStatus(e.status().is2xxSuccessful() ? 400 : e.status().value());
            retryAfter(e, response);
            model.addAttribute("error", words(e));
        } catch (BadRequestException e) {
            response.setStatus(400);
            model.addAttribute("error", words(e.getMessage()));
        } catch (RefExistsException | TooManyRefsException e) {
            response.setStatus(409);
            model.addAttribute("error", e.getMessage());
        } catch (NoSuchRevisionException e) {
            response.setStatus(404);
            model.addAttribute("error", e.getMessage());
        }
        return view;
    }

    /** True when {@link #attempt} refused the form: the model holds its {@code error}. */
    static boolean refused(Model model) {
        return model.getAttribute("error") != null;
    }

    /** A 429's {@code Retry-After} (seconds), as the API sends it ({@link TooManyRequestsException}); nothing for other refusals. */
    static void retryAfter(ApiException e, HttpServletResponse response) {
        if (e instanceof TooManyRequestsException busy) {
            response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfterSeconds()));
        }
    }
}
