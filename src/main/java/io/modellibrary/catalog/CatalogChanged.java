package io.modellibrary.catalog;

/** Published whenever a repository is created, changed or removed; caches listen. */
public record CatalogChanged(RepoType type) {
}
