package io.modellibrary.content;

/** Commit messages: the caller's, or a default that says what changed. */
public final class CommitMessages {

    /** The longest commit message a caller may send, in characters. */
    public static final int MAX_LENGTH = 4096;

    private CommitMessages() {
    }

    /** The caller's message, stripped, or {@code fallback} when it is null or blank. */
    public static String orDefault(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message.strip();
    }
}
