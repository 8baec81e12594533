package io.modellibrary.hub;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat passes an encoded slash ({@code %2F}) through undecoded instead of refusing the
 * request with 400 (its default): {@code huggingface_hub} sends revisions as
 * {@code quote(revision, safe="")} ({@code refs%2Fheads%2Fdev}, {@code file_download.py hf_hub_url},
 * {@code hf_api.py}) and {@code list_repo_tree} the folder as {@code sub%2Fdir}. Spring MVC then
 * decodes it inside the one path variable it belongs to. Which routes may receive one at all is
 * Spring Security's firewall's decision ({@code security.HubFirewall}: the Hub routes only).
 *
 * <p>Tomcat also accepts {@code [} and {@code ]} unencoded in a query string ({@code relaxedQueryChars}):
 * {@code @huggingface/hub lib/repo-exists.ts} sends {@code ?expand[]=likes} and the WHATWG URL
 * parser of {@code fetch} leaves the brackets as they are; Tomcat's default answers such a request 400.
 */
@Configuration(proxyBeanMethods = false)
class HubTomcat {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesPassThrough() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            connector.setProperty("relaxedQueryChars", "[]");
        });
    }
}
