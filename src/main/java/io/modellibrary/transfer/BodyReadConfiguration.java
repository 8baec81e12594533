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

    /**
     * The valve, and Tomcat's upload timeout set to the grace time: a read of a request body
     * that waits that long for its next byte fails ({@code SocketTimeoutException}), and the valve
     * answers 408. Without it a client that sent a few bytes of its body and then nothing held a
     * body reader until {@code server.tomcat.connection-timeout} (60 s) ran out, twice (the
     * application's read, then the valve's reading of the rest): 100 such connections from two
     * addresses refused every sign-in and upload with 503 for two minutes (a newcomer's probe,
     * session 15). Tomcat's {@code connectionUploadTimeout} is the socket read timeout from the
     * end of a request's headers to the end of the request ({@code disableUploadTimeout=false};
     * Tomcat's HTTP connector reference), the keep-alive timeout applying again between requests.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> bodyReadValve(BodyReadProperties properties, Environment env) {
        long maxSwallow = env.getProperty("server.tomcat.max-swallow-size", DataSize.class, DataSize.ofMegabytes(2)).toBytes();
        return factory -> {
            factory.addContextValves(new BodyReadValve(properties, maxSwallow));
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("disableUploadTimeout", "false");
                connector.setProperty("connectionUploadTimeout", Long.toString(Math.max(1, properties.grace().toMillis())));
            });
        };
    }
}
