package io.modellibrary.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The log of downloads that broke off because the blob store's read failed after the answer's
 * headers (and some bytes) were sent: {@code transfer.DownloadResponder} then closes the
 * connection, so that the client sees an incomplete transfer, and reports it here. One WARN line
 * without a stack trace at most every 10 s ({@link ThrottledWarning}), naming the request and the
 * innermost reason; the others at DEBUG, counted in the next WARN. A store that fails every read
 * (S3 gone mid-way) then writes a line every 10 s, not one per download.
 */
public final class BrokenDownloads {

    private static final Logger log = LoggerFactory.getLogger(BrokenDownloads.class);
    private static final String CAUSE = "the blob store's read failed after the answer had begun; the connection was"
            + " closed, so the client sees an incomplete transfer";
    private static final ThrottledWarning warning = new ThrottledWarning(Duration.ofSeconds(10), Clock.systemUTC());

    private BrokenDownloads() {
    }

    /**
     * Logs one broken download (see the class comment).
     *
     * @param what the download and how far it got, e.g. {@code Broke off GET /x/resolve/main/a.bin after 262144 of 2097152 bytes}
     * @param e    the read's failure
     */
    public static void log(String what, Throwable e) {
        warning.failure(log, what, CAUSE, e);
    }
}
