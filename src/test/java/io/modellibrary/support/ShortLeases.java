package io.modellibrary.support;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link FullStackTest} for the blob collector's tests: no grace period and leases of 300 ms
 * (which a test outlasts by moving the {@link MutableClock}), the collector run only when a test
 * asks ({@code gc-interval} an hour). Every class with this annotation and nothing else shares
 * one context, beside the plain {@link FullStackTest} one. ({@code hardening.RaceSuiteTest} has
 * the same settings in a context of its own: it checks that the whole store holds only referenced
 * blobs, which another class's blobs left to expire would break.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@FullStackTest
@TestPropertySource(properties = {"modellibrary.storage.grace=0s", "modellibrary.storage.lease=300ms",
        "modellibrary.storage.gc-interval=1h"})
public @interface ShortLeases {
}
