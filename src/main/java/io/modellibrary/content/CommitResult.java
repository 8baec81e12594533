package io.modellibrary.content;

import io.modellibrary.common.Times;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Versions;

import java.util.List;

/**
 * The answer to a change (upload, text edit, delete): the commit made and the files it
 * touched. When the change changed nothing, {@code changed} is false, no commit was made,
 * and {@code commit} is the head, unmoved.
 */
public record CommitResult(CommitInfo commit, List<FileInfo> files, boolean changed) {

    /** A commit: its 40-hex id, message, author's user name and time (ISO-8601 UTC with milliseconds). */
    public record CommitInfo(String id, String message, String author, String time) {
        /** The commit's view; null for null. */
        public static CommitInfo of(CommitDoc commit) {
            return commit == null ? null
                    : new CommitInfo(commit.id(), commit.message(), commit.author(), Times.format(commit.time()));
        }
    }

    /** A file touched: its path, size in bytes and 64-hex sha256 (for a deleted file, as it was). */
    public record FileInfo(String path, long size, String sha256) {
    }

    /** The result of the engine's outcome, listing {@code files}. */
    public static CommitResult of(Versions.Outcome outcome, List<FileInfo> files) {
        return new CommitResult(CommitInfo.of(outcome.commit()), files, outcome.changed());
    }
}
