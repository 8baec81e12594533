package io.modellibrary.catalog;

/** A repository's counters moved (a download, a like): orders change, labels do not. */
record RepoStatsChanged(RepoType type) {
}
