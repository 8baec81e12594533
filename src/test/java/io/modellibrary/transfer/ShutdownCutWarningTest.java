package io.modellibrary.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful shutdown that gives up on requests says so in a WARN of its own: how many, how many
 * uploads, and that the clients must send them again; one that drained them says nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownCutWarningTest {

    private final RequestActivity activity = new RequestActivity();
    private final ShutdownCutWarning warning = new ShutdownCutWarning(activity, Duration.ofSeconds(30));

    @Test
    void requestsStillRunningWhenTheServerStopsAreCountedInAWarn(CapturedOutput output) throws Exception {
        warning.start();
        // the shutdown reaches the warning while an upload and a download are inside the filter chain
        activity.doFilter(new MockHttpServletRequest("POST", "/api/files"), new MockHttpServletResponse(),
                (req, res) -> {
                    try {
                        activity.doFilter(new MockHttpServletRequest("GET", "/api/files/download"), new MockHttpServletResponse(),
                                (req2, res2) -> warning.stop());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertThat(output.getAll()).contains("WARN").contains("Shutdown: 2 requests (1 upload) still running after"
                + " MODELLIBRARY_SHUTDOWN_TIMEOUT (30 s) are cut now; their clients must send them again");
        assertThat(warning.isRunning()).isFalse();
    }

    @Test
    void aShutdownThatDrainedTheRequestsSaysNothing(CapturedOutput output) throws Exception {
        activity.doFilter(new MockHttpServletRequest("PUT", "/x"), new MockHttpServletResponse(), (req, res) -> { });
        warning.start();
        warning.stop();
        assertThat(output.getAll()).doesNotContain("Shutdown:");
    }

    @Test
    void itStopsAfterTheGracefulWaitAndBeforeTheServerClosesTheConnections() {
        assertThat(warning.getPhase()).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
                .isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024);
    }
}
