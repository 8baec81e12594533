package io.modellibrary.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a handler method (or a controller, for all its handlers) that reads request
 * parameters: a JSON object body gives parameters too, as the seed's web client sends
 * them ({@code POST /api/like} with {@code {"name": ..., "type": ...}}; see
 * docs/http-contract.md). The body's top-level strings, numbers and booleans become
 * parameters the query string does not already give (the query string wins); the body
 * stays readable for a {@code @RequestBody} beside them. {@link JsonBodyParameters} does
 * it, for these handlers only.
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ParametersFromJsonBody {
}
