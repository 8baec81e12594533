package io.modellibrary.support;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A context of the test class's own, on a fresh data directory, closed after the class: for
 * tests that leave a lot of data behind (others would walk it) or that read the whole store
 * (others' data would slow them down). Beside {@link FullStackTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = "modellibrary.test.own-data-directory=true")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface OwnDataDirectory {
}
