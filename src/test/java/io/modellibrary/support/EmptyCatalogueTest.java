package io.modellibrary.support;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A {@link FullStackTest} without the demo catalogue, with {@link Fixtures} to fill it. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@FullStackTest
@TestPropertySource(properties = "modellibrary.demo-data=false")
@Import(Fixtures.class)
public @interface EmptyCatalogueTest {
}
