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
 * {@link Accounts} makes real users to act as.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@Import({ContainerDatabase.class, Accounts.class, Members.class})
public @interface FullStackTest {
}
