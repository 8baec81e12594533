package io.modellibrary.files;

import io.modellibrary.common.Times;

import java.util.List;

/** The answer to a change (upload, text edit, delete): the commit made and the files it touched. */
record CommitResult(CommitInfo commit, List<FileInfo> files) {

    record CommitInfo(String id, String message, String author, String time) {
        static CommitInfo of(CommitDoc commit) {
            return new CommitInfo(commit.id(), commit.message(), commit.author(), Times.format(commit.time()));
        }
    }

    record FileInfo(String path, long size, String sha256) {
    }

    static CommitResult of(CommitDoc commit, List<UploadService.StagedFile> files) {
        return new CommitResult(CommitInfo.of(commit),
                files.stream().map(f -> new FileInfo(f.path().toString(), f.size(), f.sha256())).toList());
    }
}
