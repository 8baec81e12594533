package io.modellibrary.files;

import io.modellibrary.common.Times;
import io.modellibrary.versioning.CommitDoc;
import io.modellibrary.versioning.Versions;

import java.util.List;

/**
 * The answer to a change (upload, text edit, delete): the commit made and the files it
 * touched. When the change changed nothing, {@code changed} is false, no commit was made,
 * and {@code commit} is the head, unmoved.
 */
record CommitResult(CommitInfo commit, List<FileInfo> files, boolean changed) {

    record CommitInfo(String id, String message, String author, String time) {
        static CommitInfo of(CommitDoc commit) {
            return commit == null ? null
                    : new CommitInfo(commit.id(), commit.message(), commit.author(), Times.format(commit.time()));
        }
    }

    record FileInfo(String path, long size, String sha256) {
    }

    static CommitResult of(Versions.Outcome outcome, List<FileInfo> files) {
        return new CommitResult(CommitInfo.of(outcome.commit()), files, outcome.changed());
    }
}
