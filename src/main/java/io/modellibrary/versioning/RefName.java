package io.modellibrary.versioning;

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
 * A parameter or field holding a branch or tag name, or a revision (a branch, a tag or a
 * commit id, all shorter): at most {@link RefNames#MAX_LENGTH} characters, the one limit of
 * {@link RefNames}. Checked before the handler runs, and shown as {@code maxLength} in the
 * OpenAPI document; the other rules of a name are {@link RefNames#check}'s, with their own
 * messages. Null passes: combine with {@code @NotBlank} where the name is required.
 */
@Documented
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Size(max = RefNames.MAX_LENGTH)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RefName {

    /** As {@link RefNames#check} words it. */
    String message() default "is longer than " + RefNames.MAX_LENGTH + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
