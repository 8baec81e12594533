package io.modellibrary.common;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A setting the server refuses to start with, reported by the {@link Analyzer} as Spring Boot's
 * "APPLICATION FAILED TO START" block: the setting's real name and environment variable in the
 * description, what to do in the action, and never the value (a secret's value must not reach the
 * log). Spring Boot's own report of a failed {@code @AssertTrue} named the validation method as a
 * property ({@code modellibrary.jwt.secretLongEnough}) and printed the value beside it.
 */
public class SettingRefusedException extends IllegalStateException {

    private final String action;

    /**
     * @param setting     the property and its environment variable, e.g. {@code modellibrary.jwt.secret (JWT_SECRET)}
     * @param problem     what is wrong with its value, without the value, e.g. {@code must be at least 256 bits}
     * @param action      what the operator should do, one or two sentences
     */
    public SettingRefusedException(String setting, String problem, String action) {
        super(setting + " " + problem);
        this.action = action;
    }

    /** What the operator should do. */
    public String action() {
        return action;
    }

    /** Spring Boot's failure report for it (registered in {@code META-INF/spring.factories}). */
    public static class Analyzer extends AbstractFailureAnalyzer<SettingRefusedException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, SettingRefusedException cause) {
            return new FailureAnalysis("The setting " + cause.getMessage() + ".", cause.action(), cause);
        }
    }
}
