package io.modellibrary.content;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Edit;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Small changes made in a browser, for every face (the seed's {@code PUT /api/files/text} and
 * {@code DELETE /api/files}, the web pages' edit and delete forms): write a small text file,
 * delete a file or folder; each one commit (or none, if nothing changes). Both need the write
 * role ({@link RepoAccess#writable}: 404 for a repository the caller may not see, 403 when it
 * may only read it).
 */
@Service
public class FileEdits {

    private final Uploads uploads;
    private final FileCommits commits;
    private final RepoAccess access;

    FileEdits(Uploads uploads, FileCommits commits, RepoAccess access) {
        this.uploads = uploads;
        this.commits = commits;
        this.access = access;
    }

    /**
     * Writes {@code content} (UTF-8, at most {@link FilesProperties#MAX_TEXT_BYTES}) to {@code rawPath} on {@code branch}.
     *
     * @param parentCommit null, or the 40-hex head the edit was based on (409 {@code HeadMovedException} when it moved)
     * @param branch       null or blank: {@code main}
     * @throws TooLargeException when the text is larger than the limit
     * @throws io.modellibrary.common.BadRequestException when the path is invalid
     */
    public CommitResult writeText(RepoType type, String name, String rawPath, String content, String message,
                           String parentCommit, String branch, CurrentUser user) throws IOException {
        RepoPath path = RepoPath.of(rawPath);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > FilesProperties.MAX_TEXT_BYTES) {
            throw new TooLargeException("a text file is larger than the limit of " + FilesProperties.describe(FilesProperties.MAX_TEXT_BYTES));
        }
        Repo repo = access.writable(type, name, user);
        try (StagedUpload upload = uploads.open()) {
            upload.add(path, new ByteArrayInputStream(bytes));
            return upload.commit(repo, branch, user, CommitMessages.orDefault(message, "Update " + path), parentCommit, List.of());
        }
    }

    /**
     * Deletes the file or folder {@code rawPath} (everything in it) on {@code branch}.
     *
     * @throws BadRequestException when no path is named
     * @throws io.modellibrary.common.NoSuchItemException when nothing is at the path, or the repository is invisible
     */
    public CommitResult delete(RepoType type, String name, String rawPath, String message, String parentCommit,
                        String branch, CurrentUser user) throws IOException {
        RepoPath path = RepoPath.folder(rawPath);
        if (path.isRoot()) {
            throw new BadRequestException("path is required: name the file or folder to delete");
        }
        Repo repo = access.writable(type, name, user);
        return commits.commit(repo, branch, user, CommitMessages.orDefault(message, "Delete " + path), parentCommit,
                List.of(Edit.delete(path.toString())), null, null);
    }
}
