package io.modellibrary.catalog;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parameter or field holding a repository name (or a part of one): at most
 * {@link RepoNames#MAX_LENGTH} characters, the one limit of {@link RepoNames}. Checked
 * before the handler runs, and shown as {@code maxLength} in the OpenAPI document; the
 * other rules of a name (characters, one {@code /}, reserved words) are the service's, with
 * their own messages. Null passes: combine with {@code @NotBlank} where the name is required.
 */
@Documented
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Size(max = RepoNames.MAX_LENGTH)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RepoName {

    /** As {@link RepoNames#valid} words it. */
    String message() default "must be at most " + RepoNames.MAX_LENGTH + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
