package io.modellibrary.catalog;

/**
 * Published after a repository's document is removed, so that what hangs off it (files,
 * commits, likes, activity) can be removed and blobs nothing references any more reclaimed.
 */
public record RepoDeleted(String repoId, RepoType type, String name) {
}
