package io.modellibrary.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler the seed API describes (docs/http-contract.md#the-seed-api). The existing web client branches on
 * {@code code}/{@code msg} with HTTP 200 there, so a {@link NoSuchItemException} thrown
 * under such a handler answers 200 with code 0 {@code no such item} instead of 404.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SeedStatus {
}
