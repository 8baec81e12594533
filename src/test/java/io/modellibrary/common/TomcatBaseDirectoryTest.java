package io.modellibrary.common;

import io.modellibrary.support.FullStackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat's base directory is {@code <data-dir>/tomcat}: a start leaves no {@code /tmp/tomcat.<port>.*}
 * folder behind (Spring Boot's default made a new one on every start and never removed it).
 */
@FullStackTest
class TomcatBaseDirectoryTest {

    @Autowired
    WebServerApplicationContext context;
    @Autowired
    ModelLibraryProperties properties;

    @Test
    void tomcatWorksInTheDataDirectory() {
        File base = ((TomcatWebServer) context.getWebServer()).getTomcat().getServer().getCatalinaBase();
        assertThat(base.toPath().toAbsolutePath().normalize())
                .isEqualTo(properties.dataDir().resolve("tomcat").toAbsolutePath().normalize());
        assertThat(base).isDirectory(); // (the data directory itself may lie under /tmp, as a clone's target/ may)
    }
}
