package io.modellibrary.web;

import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.MissingBlobException;
import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.CommitMessages;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.FilesProperties;
import io.modellibrary.content.LfsObjects;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.StagedUpload;
import io.modellibrary.content.TooLargeException;
import io.modellibrary.content.Uploads;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.transfer.MultipartReader;
import io.modellibrary.transfer.RequestBodyStream;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The upload page's form ({@code message}, then {@code path}, then the {@code file} parts, each
 * file's name its path below {@code path}), streamed part by part into the blob store through
 * the same {@link Uploads} as the API's {@code POST /api/files}, and committed as one commit on
 * the page's branch. The repository is found writable before the first byte of a file is stored.
 *
 * <p>The page's script sends files larger than two Git LFS parts through the LFS batch API
 * first (resumable, see {@code LfsObjects}) and names them in the form as {@code lfsFile} fields,
 * {@code <sha256> <size> <path below path>}: the same as the Hub commit's {@code lfsFile} line, the
 * object committed as uploaded, refused (400, nothing committed) when the store does not hold it or
 * the caller may not name it without its bytes ({@link LfsObjects#mayName}, checked by the commit).
 *
 * <p>A file part with {@code filename=""} and no bytes (a file input left empty) is passed over; one
 * with bytes is refused (400 naming the part by its place among the file parts and its field
 * name, nothing committed), as the API's {@code POST /api/files} refuses it.
 */
@Service
class WebUploads {

    /** Files in one upload, and form fields' largest size. */
    static final int MAX_FILES = 10_000;
    static final int MAX_FIELD_BYTES = 64 * 1024;
    /** The start of the 400 for a file part with bytes and {@code filename=""}. */
    static final String NAMELESS_FILE = "a file without a name cannot be uploaded";

    private final Uploads uploads;
    private final PageRepos lookup;
    private final FilesProperties limits;

    WebUploads(Uploads uploads, PageRepos lookup, FilesProperties limits) {
        this.uploads = uploads;
        this.lookup = lookup;
        this.limits = limits;
    }

    /**
     * The upload page: the repository must be writable by the caller.
     *
     * @throws BadRequestException when {@code branch} is a tag or a commit id (as the edit and new-file pages)
     */
    WebViews.UploadPage page(RepoType type, String name, String branch, CurrentUser user, RepoPages pages) {
        Repo repo = lookup.writable(type, name, user);
        RepoAccess.Snapshot at = pages.requireBranch(lookup.snapshot(repo, branch));
        RepoUrls urls = new RepoUrls(type, repo.getName());
        return new WebViews.UploadPage(pages.header(at, user), branch, urls.upload(branch),
                FilesProperties.describe(limits.maxFileSize().toBytes()), limits.maxFileSize().toBytes(), urls.lfsBatch(), 2 * limits.lfsPartSize().toBytes());
    }

    /**
     * Streams the form's files and commits them.
     *
     * @param contentType the request's {@code Content-Type} (with the boundary)
     * @return the commit, and the repository's name as stored
     * @throws BadRequestException when no file is named, a file part with bytes has no file name, or a field is malformed
     */
    Result upload(RepoType type, String name, String branch, CurrentUser user, String contentType, long contentLength,
                  InputStream body) throws IOException {
        long maxRequest = uploads.maxRequestBytes();
        if (contentLength > maxRequest) {
            throw new TooLargeException("the upload is larger than the limit of " + FilesProperties.describe(maxRequest));
        }
        Repo repo = lookup.writable(type, name, user);
        MultipartReader reader = new MultipartReader(new RequestBodyStream(body, maxRequest),
                MultipartReader.boundary(contentType), BlobStore.BUFFER_SIZE);
        String message = null;
        RepoPath folder = RepoPath.ROOT;
        int fileParts = 0;
        try (StagedUpload upload = uploads.open()) {
            for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
                fileParts += part.isFile() ? 1 : 0;
                if (!part.isFile()) {
                    String value = field(part);
                    if ("message".equals(part.name())) {
                        message = value;
                    } else if ("path".equals(part.name())) {
                        folder = RepoPath.folder(value.strip());
                    } else if ("lfsFile".equals(part.name())) {
                        countOne(upload);
                        LfsFile lfs = LfsFile.parse(value);
                        upload.putStored(folder.resolve(RepoPath.of(lfs.path())), lfs.oid(), lfs.size());
                    }
                } else if (part.filename().isEmpty()) {
                    // a file input left empty sends such a part without bytes: passed over; with bytes they
                    // would have no path (as the API's POST /api/files, files.UploadService): refused
                    if (part.body().read() != -1) {
                        throw new BadRequestException(NAMELESS_FILE + ": file part " + fileParts + " (\"" + part.name()
                                + "\") has bytes but no file name (filename=\"\"), so it has no path; nothing was committed");
                    }
                } else {
                    countOne(upload);
                    upload.add(folder.resolve(RepoPath.of(part.filename())), part.body());
                }
            }
            int files = upload.files().size();
            if (files == 0) {
                throw new BadRequestException("choose at least one file to upload");
            }
            if (message != null && message.length() > CommitMessages.MAX_LENGTH) {
                throw new BadRequestException("the commit message is longer than " + CommitMessages.MAX_LENGTH + " characters");
            }
            String commitMessage = CommitMessages.orDefault(message, files == 1 ? "Upload 1 file" : "Upload " + files + " files");
            try {
                return new Result(repo.getName(), upload.commit(repo, branch, user, commitMessage, null, List.of()));
            } catch (MissingBlobException e) {
                throw new BadRequestException("a large file (" + e.sha256() + ", " + e.size()
                        + " bytes) was not uploaded before the commit: choose it again and send the upload again");
            }
        }
    }

    private static void countOne(StagedUpload upload) {
        if (upload.files().size() >= MAX_FILES) {
            throw new TooLargeException("an upload holds at most " + MAX_FILES + " files; send more in further uploads");
        }
    }

    /** An {@code lfsFile} field: {@code <sha256> <size in bytes> <path>} (the path may hold spaces). */
    record LfsFile(String oid, long size, String path) {
        static LfsFile parse(String value) {
            String[] fields = value.split(" ", 3);
            if (fields.length < 3 || !LfsObjects.OID.matcher(fields[0]).matches() || !fields[1].matches("\\d{1,15}")) {
                throw new BadRequestException("lfsFile must be <sha256> <size> <path>");
            }
            return new LfsFile(fields[0], Long.parseLong(fields[1]), fields[2]);
        }
    }

    /** An upload's commit and the repository's name. */
    record Result(String repoName, CommitResult commit) {
    }

    private static String field(MultipartReader.Part part) throws IOException {
        byte[] value = part.body().readNBytes(MAX_FIELD_BYTES + 1);
        if (value.length > MAX_FIELD_BYTES) {
            throw new BadRequestException("form field " + part.name() + " is too long");
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
