package io.modellibrary.files;

/** Commit messages: the caller's, or a default that says what changed. */
final class CommitMessages {

    static final int MAX_LENGTH = 4096;

    private CommitMessages() {
    }

    static String orDefault(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message.strip();
    }
}
