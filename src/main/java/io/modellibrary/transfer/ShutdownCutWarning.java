package io.modellibrary.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * One WARN when a graceful shutdown gives up on requests still running: how many, how many of them
 * uploads, and that their clients must send them again. Tomcat itself says only, at INFO,
 * "Graceful shutdown aborted with one or more requests still active".
 * <p>
 * A lifecycle stopped between Spring Boot's graceful-shutdown phase
 * ({@code WebServerGracefulShutdownLifecycle}, {@code Integer.MAX_VALUE - 1024}: waits for the
 * requests, at most {@code spring.lifecycle.timeout-per-shutdown-phase}) and the web server's stop
 * ({@code WebServerStartStopLifecycle}, {@code Integer.MAX_VALUE - 2048}: closes the connections
 * left). Requests still counted by {@link RequestActivity} then are the ones about to be cut; after
 * a shutdown that drained them it says nothing. README, "Shutdown and logs".
 */
@Component
class ShutdownCutWarning implements SmartLifecycle {

    /** Between the graceful-shutdown phase and the web server's stop. */
    static final int PHASE = Integer.MAX_VALUE - 1536;
    private static final Logger log = LoggerFactory.getLogger(ShutdownCutWarning.class);

    private final RequestActivity activity;
    private final Duration timeout;
    private volatile boolean running;

    ShutdownCutWarning(RequestActivity activity,
                       @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        this.activity = activity;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Logs the WARN when requests are still running; never blocks. */
    @Override
    public void stop() {
        running = false;
        int requests = activity.inProgress();
        if (requests == 0) {
            return;
        }
        int uploads = activity.uploadsInProgress();
        boolean one = requests == 1;
        log.warn("Shutdown: {} {} ({} {}) still running after MODELLIBRARY_SHUTDOWN_TIMEOUT ({} s) {} cut now;"
                        + " {} {} must send {} again (an upload cut commits nothing)",
                requests, one ? "request" : "requests", uploads, uploads == 1 ? "upload" : "uploads", timeout.toSeconds(),
                one ? "is" : "are", one ? "its" : "their", one ? "client" : "clients", one ? "it" : "them");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
