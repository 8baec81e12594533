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
import java.util.Set;
import java.util.function.Supplier;
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

    /**
     * Runs a form's action and answers its view name; when the service refuses (an {@link ApiException}
     * other than 401, a {@link BadRequestException}: 400, a branch or tag that exists or one too many: 409,
     * a starting revision that names no commit: 404), answers {@code view} again with {@code error}
     * set and the refusal's status (400 for the seed API's code-0 answers, which carry 200).
     */
    /** The refusal as a page says it: the seed API's "user name registered" reads like a success there. */
    private static String words(ApiException e) {
        return e instanceof UsernameTakenException ? TAKEN : e.getMessage();
    }

    private static final String TAKEN = "This name is already taken; choose another.";

    static String attempt(Supplier<String> action, String view, HttpServletResponse response, Model model) {
        try {
            return action.get();
        } catch (ApiException e) {
            if (e.status().value() == 401) {
                throw e;
            }
            response.setStatus(e.status().is2xxSuccessful() ? 400 : e.status().value());
            retryAfter(e, response);
            model.addAttribute("error", words(e));
        } catch (BadRequestException e) {
            response.setStatus(400);
            model.addAttribute("error", e.getMessage());
        } catch (RefExistsException | TooManyRefsException e) {
            response.setStatus(409);
            model.addAttribute("error", e.getMessage());
        } catch (NoSuchRevisionException e) {
            response.setStatus(404);
            model.addAttribute("error", e.getMessage());
        }
        return view;
    }

    /** A 429's {@code Retry-After} (seconds), as the API sends it ({@link TooManyRequestsException}); nothing for other refusals. */
    static void retryAfter(ApiException e, HttpServletResponse response) {
        if (e instanceof TooManyRequestsException busy) {
            response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfterSeconds()));
        }
    }
}
