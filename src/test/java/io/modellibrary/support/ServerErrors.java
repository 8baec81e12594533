package io.modellibrary.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The ERROR lines the server logs while a test runs, stack traces included, so that a test
 * that meets an unexpected 500 can say why in its own failure message: CI shows a failing
 * test's message but only the tail of the log (the cause of a 500 under load in
 * {@code RaceSuiteTest} was lost that way). Attach before the requests, read, then detach.
 */
public final class ServerErrors extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private static final int KEPT = 5;
    private final List<String> lines = new ArrayList<>();

    private ServerErrors() {
    }

    /** Starts recording ERROR events of every logger. */
    public static ServerErrors record() {
        ServerErrors errors = new ServerErrors();
        errors.setName("server-errors-" + System.identityHashCode(errors));
        errors.start();
        root().addAppender(errors);
        return errors;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) && lines.size() < KEPT) {
            String trace = event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            lines.add(event.getLoggerName() + ": " + event.getFormattedMessage() + trace);
        }
    }

    /** The first few ERROR events recorded, or "none". */
    public synchronized String describe() {
        return lines.isEmpty() ? "none" : String.join("\n---\n", lines);
    }

    /** Stops recording. */
    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
