package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute download URLs for the current request's host (the client may be served elsewhere). */
@Component
class FileLinks {

    static final String DOWNLOAD_PATH = "/api/files/download";

    String download(Repo repo, String revision, String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(DOWNLOAD_PATH)
                .queryParam("name", "{name}")
                .queryParam("type", repo.getType())
                .queryParam("path", "{path}")
                .queryParam("revision", "{revision}")
                .encode()
                .buildAndExpand(repo.getName(), path, revision)
                .toUriString();
    }
}
