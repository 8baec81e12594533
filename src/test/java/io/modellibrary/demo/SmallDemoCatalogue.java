package io.modellibrary.demo;

import io.modellibrary.support.FullStackTest;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link FullStackTest} with the demo catalogue on, {@value #SIZE} repositories rather than 450:
 * every seed model (30) and generated models and datasets, their files made in the background in
 * a second or two instead of many. The demo tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@FullStackTest
@TestPropertySource(properties = {"modellibrary.demo-data=true", "modellibrary.demo-size=" + SmallDemoCatalogue.SIZE})
@interface SmallDemoCatalogue {

    /** The demo catalogue's size here ({@code modellibrary.demo-size}). */
    int SIZE = 60;
}
