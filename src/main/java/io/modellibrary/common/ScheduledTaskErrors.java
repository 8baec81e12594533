package io.modellibrary.common;

import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.TaskUtils;
import org.springframework.util.ErrorHandler;

/**
 * What a failed {@code @Scheduled} task logs (the trending figures, recomputed hourly): a database that cannot be reached ({@link Outage#DATABASE}) one WARN line at most every
 * 10 s, shared with the refused requests, since a server whose embedded database host stopped would
 * otherwise log an ERROR with a stack trace every time each task runs; an S3 blob store that cannot be
 * reached ({@link Outage#BLOB_STORE}, the blob collector) the same way; anything else as Spring logs
 * it by default (ERROR with its stack trace), the task running again at its next time.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledTaskErrors {

    @Bean
    ThreadPoolTaskSchedulerCustomizer databaseOutagesLogOnce() {
        ErrorHandler fallback = TaskUtils.LOG_AND_SUPPRESS_ERROR_HANDLER;
        return scheduler -> scheduler.setErrorHandler(e -> {
            Outage.of(e).ifPresentOrElse(
                    outage -> outage.log("A scheduled task (" + Thread.currentThread().getName() + ") failed", e),
                    () -> fallback.handleError(e));
        });
    }
}
