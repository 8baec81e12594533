package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.FilesProperties;
import io.modellibrary.content.RepoAccess;
import io.modellibrary.content.RepoPath;
import io.modellibrary.content.StagedUpload;
import io.modellibrary.content.TooLargeException;
import io.modellibrary.content.Uploads;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.transfer.MultipartReader;
import io.modellibrary.transfer.RequestBodyStream;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/files}: a multipart upload streamed part by part from the socket into
 * the blob store (small files synced to disk in batches) through a {@link StagedUpload}, then
 * one commit with every file, or none: blobs stored by an upload that fails stay listed for
 * the collector, which removes them after the grace period unless something else uses them.
 * The seed's form (fields in the query or as parts, {@link UploadForm}) is read here. A file part
 * with an empty file name and no bytes (a browser's empty file input) is passed over; with bytes,
 * or as the only file part, it is a 400 saying the part has no file name.
 */
@Service
class UploadService {

    /** The start of the 400 for a file part sent with {@code filename=""}. */
    static final String NAMELESS_FILE = "a file part has no file name (filename=\"\")";

    private final Uploads uploads;
    private final RepoAccess access;

    UploadService(Uploads uploads, RepoAccess access) {
        this.uploads = uploads;
        this.access = access;
    }

    /** The request as the controller hands it over: nothing of the body has been read. */
    record UploadRequest(Map<String, String> query, String contentType, long contentLength, InputStream body) {
    }

    CommitResult upload(UploadRequest request, CurrentUser user) throws IOException {
        long maxRequest = uploads.maxRequestBytes();
        if (request.contentLength() > maxRequest) {
            throw new TooLargeException("the upload is larger than the limit of " + FilesProperties.describe(maxRequest));
        }
        MultipartReader reader = new MultipartReader(new RequestBodyStream(request.body(), maxRequest),
                MultipartReader.boundary(request.contentType()), BlobStore.BUFFER_SIZE);
        UploadForm form = new UploadForm(request.query());
        try (StagedUpload upload = uploads.open()) {
            Repo repo = readParts(reader, form, user, upload);
            return upload.commit(repo, form.branch(), user, form.message(upload.files().size()), form.parentCommit(), List.of());
        }
    }

    /** Reads every part, storing the files; the repository, found writable before the first file is stored. */
    private Repo readParts(MultipartReader reader, UploadForm form, CurrentUser user, StagedUpload upload) throws IOException {
        Repo repo = null;
        int files = 0;
        boolean nameless = false;
        long pathBytes = 0;
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            if (!part.isFile()) {
                form.field(part.name(), readField(part), repo != null);
            } else if (part.filename().isEmpty()) {
                // A browser's file input left empty sends such a part, with no bytes: passed over. One with
                // bytes would lose them, having no path: refused, before anything is committed.
                if (part.body().read() != -1) {
                    throw new BadRequestException(NAMELESS_FILE + "; its filename is its path under the target folder");
                }
                nameless = true;
            } else {
                if (files >= UploadForm.MAX_FILES) {
                    throw new TooLargeException("an upload holds at most " + UploadForm.MAX_FILES
                            + " files; send more in further uploads");
                }
                repo = repo != null ? repo : access.writable(form.type(), form.name(), user);
                CommitResult.FileInfo file = upload.add(form.folder().resolve(RepoPath.of(part.filename())), part.body());
                pathBytes += file.path().getBytes(StandardCharsets.UTF_8).length;
                if (pathBytes > UploadForm.MAX_PATH_BYTES) {
                    throw new TooLargeException("the paths of one upload's files hold at most "
                            + FilesProperties.describe(UploadForm.MAX_PATH_BYTES) + " of UTF-8 together; send more in further uploads");
                }
                files++;
            }
        }
        if (files == 0) {
            throw new BadRequestException(nameless
                    ? NAMELESS_FILE + ": name each file (filename=\"weights/model.bin\"), its path under the target folder"
                    : "file is required: send at least one file part");
        }
        return repo;
    }

    private static String readField(MultipartReader.Part part) throws IOException {
        byte[] value = part.body().readNBytes(UploadForm.MAX_FIELD_BYTES + 1);
        if (value.length > UploadForm.MAX_FIELD_BYTES) {
            throw new BadRequestException("form field " + part.name() + " is too long");
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
