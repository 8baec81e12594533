package io.modellibrary.files;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.RepoUpdates;
import io.modellibrary.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Service;

import java.io.IOException;

/** Downloads: a file at a revision, whole or one range; one from byte 0 counts for the repository. */
@Service
class DownloadService {

    private final RepoAccess access;
    private final BlobStore blobs;
    private final RepoUpdates repoUpdates;

    DownloadService(RepoAccess access, BlobStore blobs, RepoUpdates repoUpdates) {
        this.access = access;
        this.blobs = blobs;
        this.repoUpdates = repoUpdates;
    }

    void download(RepoType type, String name, String path, String revision, CurrentUser user,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        RepoAccess.Snapshot at = access.snapshot(type, name, revision, user);
        TreeEntry file = access.file(at, RepoPath.of(path));
        DownloadResponder.respond(blobs.path(file.sha256()), file, request, response,
                () -> repoUpdates.recordDownload(at.repo()));
    }
}
