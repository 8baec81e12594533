package io.modellibrary.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application with MockMvc, against a real wire-protocol MongoDB: the embedded
 * server, or a container where Docker runs (see {@link TestDatabaseEnvironment}).
 * {@link Accounts} makes real users to act as, {@link Fixtures} writes repositories straight
 * into the store, the application's clock is a {@link MutableClock}, and MockMvc moves request and
 * response bodies in blocks ({@link BulkBodies}). The demo catalogue
 * is off in tests (src/test/resources/config/application.yaml); a test about it turns it on
 * with {@code @TestPropertySource(properties = "modellibrary.demo-data=true")}.
 *
 * <p>Every test class with this annotation and nothing else that changes the context
 * (properties, imports, mocked beans) shares one cached application context and database:
 * make names unique ({@link Accounts#uniqueName}) rather than adding properties. The
 * context runs on a real server too ({@code @LocalServerPort}), so that a test over real
 * HTTP (raw sockets, the JDK's client) shares it rather than starting one of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import({ContainerDatabase.class, Accounts.class, Members.class, Fixtures.class, TestClock.class, BulkBodies.class})
public @interface FullStackTest {
}
