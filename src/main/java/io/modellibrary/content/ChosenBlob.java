package io.modellibrary.content;

import io.modellibrary.catalog.Repo;

import java.nio.file.Path;

/**
 * The bytes a download serves: one file of a repository at a revision, resolved to its blob.
 *
 * @param repo     the repository (for counting the download)
 * @param revision the revision as asked for ({@code main} when none was)
 * @param path     the file's full path in the repository ({@link RepoPath} form)
 * @param sha256   the blob's 64-hex SHA-256 (the download's ETag)
 * @param size     the blob's size in bytes
 * @param file     the blob's file on disk, to serve from (never modified while it exists)
 */
public record ChosenBlob(Repo repo, String revision, String path, String sha256, long size, Path file) {

    /** The file's own name: its path's last segment. */
    public String name() {
        return RepoPath.of(path).name();
    }
}
