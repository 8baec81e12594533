package io.modellibrary.content;

import io.modellibrary.catalog.RepoDeleted;
import io.modellibrary.versioning.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted repository's files go in the background: its versions are deleted by a
 * persisted task, and blobs nothing else uses are collected after it (never on the
 * request thread that deleted the repository).
 */
@Component
class FilesCleanup {

    private static final Logger log = LoggerFactory.getLogger(FilesCleanup.class);

    private final Versions versions;

    FilesCleanup(Versions versions) {
        this.versions = versions;
    }

    @EventListener
    void repositoryDeleted(RepoDeleted event) {
        versions.deleteRepository(event.repoId());
        log.info("The files of {} {} are being deleted in the background", event.type().id(), event.name());
    }
}
