package io.modellibrary.common;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Tomcat answers the requests it refuses itself in the envelope too, and keeps its base directory
 * (its {@code work} folder, where a form it parses itself spills a large part) in {@code <data-dir>/tomcat}
 * rather than a new {@code /tmp/tomcat.<port>.*} on every start, which Spring Boot's default left behind.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

    /**
     * Tomcat's base directory {@code <data-dir>/tomcat}, unless {@code server.tomcat.basedir} names one. The data
     * directory is made (0700, {@link OwnerOnly#dataDirectory}) first: Tomcat starts before the storage that
     * made it until now, and would otherwise create it with the umask's permissions.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> baseDirectoryInTheDataDirectory(ModelLibraryProperties properties,
                                                                                             Environment environment) {
        return factory -> {
            if (!StringUtils.hasText(environment.getProperty("server.tomcat.basedir"))) {
                factory.setBaseDirectory(OwnerOnly.dataDirectory(properties.dataDir()).resolve("tomcat").toFile());
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }
}
