package io.modellibrary.transfer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/** Installs the {@link BodyReadValve} in the servlet context's pipeline. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BodyReadProperties.class)
class BodyReadConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> bodyReadValve(BodyReadProperties properties, Environment env) {
        long maxSwallow = env.getProperty("server.tomcat.max-swallow-size", DataSize.class, DataSize.ofMegabytes(2)).toBytes();
        return factory -> factory.addContextValves(new BodyReadValve(properties, maxSwallow));
    }
}
