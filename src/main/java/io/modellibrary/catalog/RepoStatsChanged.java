package io.modellibrary.catalog;

/**
 * A repository's counters or times moved (a download, a like, a commit): list orders may
 * change, but not which repositories exist, their names, labels or visibility.
 */
record RepoStatsChanged(RepoType type) {
}
