package io.modellibrary.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs, once the application is ready (migrations done, the web server listening), the
 * address to open: {@code Model Library is ready: http://localhost:<port>/ (API docs:
 * http://localhost:<port>/swagger-ui.html)}, so that whoever started it does not have to find
 * the port in Tomcat's line. Nothing for a process without a web server.
 */
@Component
class ReadyLine {

    private static final Logger log = LoggerFactory.getLogger(ReadyLine.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String base = "http://localhost:" + web.getWebServer().getPort();
            log.info("Model Library is ready: {}/ (API docs: {}/swagger-ui.html)", base, base);
        }
    }
}
