package io.modellibrary.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.api.AbstractOpenApiResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the OpenAPI document ({@code /v3/api-docs}, what Swagger UI loads first) on a
 * background thread once the application is ready, so that the first visitor of the API
 * docs does not wait for it: springdoc builds the document on the first request and then
 * serves it from its cache (about 3 s on a 2-core machine the first time, then
 * milliseconds). Nothing waits for this build: start-up and the readiness line come as
 * before, and a request that arrives during the build waits for it (springdoc builds under
 * a lock) rather than building a second one.
 *
 * <p>springdoc's own {@code springdoc.pre-loading-enabled} is not used: it starts the build
 * from the resource's constructor, while the context is still being created, so it competes
 * with start-up for the CPU and reads the controllers before they all exist. The build
 * here is springdoc's protected {@code getOpenApi(Locale)}, the one its pre-loading calls,
 * reached by reflection; should a springdoc upgrade remove it, this logs one WARN line and
 * the document is built on the first request as before (the cache is per locale;
 * application.yaml pins every request to one locale, {@code springdoc.allowed-locales}).
 */
@Component
class ApiDocsPreload {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsPreload.class);

    private final ObjectProvider<AbstractOpenApiResource> resources;
    private volatile CompletableFuture<Boolean> build = CompletableFuture.completedFuture(false);

    ApiDocsPreload(ObjectProvider<AbstractOpenApiResource> resources) {
        this.resources = resources;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        AbstractOpenApiResource resource = resources.getIfUnique();
        if (resource == null) {
            return; // springdoc.api-docs.enabled=false, or several groups
        }
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        build = started;
        Thread thread = new Thread(() -> started.complete(preload(resource)), "api-docs-preload");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * The background build started by the ready event: completes with true once the document
     * is in springdoc's cache, false when it was not built (no springdoc resource, or the
     * build failed; the first request then builds it). Completed with false before the event.
     */
    CompletableFuture<Boolean> build() {
        return build;
    }

    private static boolean preload(AbstractOpenApiResource resource) {
        try {
            Method getOpenApi = AbstractOpenApiResource.class.getDeclaredMethod("getOpenApi", Locale.class);
            getOpenApi.setAccessible(true);
            return getOpenApi.invoke(resource, Locale.getDefault()) != null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("API docs not built in advance (the first request to /v3/api-docs builds them): {}", e.toString());
            return false;
        }
    }
}
