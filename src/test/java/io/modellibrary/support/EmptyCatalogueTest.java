package io.modellibrary.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link FullStackTest} for tests that need no demo catalogue, with {@link Fixtures} to fill
 * it. The demo is off in every test now, so this is the same context as {@link FullStackTest}
 * (it adds nothing that would make it another one); the name says what the test relies on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@FullStackTest
public @interface EmptyCatalogueTest {
}
