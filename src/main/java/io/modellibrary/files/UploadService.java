package io.modellibrary.files;

import io.modellibrary.blob.BlobCollector;
import io.modellibrary.blob.BlobStore;
import io.modellibrary.blob.BlobTooLargeException;
import io.modellibrary.blob.BlobWriter;
import io.modellibrary.catalog.Repo;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.Edit;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/files}: a multipart upload streamed part by part from the socket into
 * the blob store (small files synced to disk in batches), then one commit with every file,
 * or none: blobs stored by an upload that fails stay listed for the collector, which
 * removes them after the grace period unless something else uses them.
 */
@Service
class UploadService {

    private final BlobCollector collector;
    private final FileCommits commits;
    private final RepoAccess access;
    private final FilesProperties limits;

    UploadService(BlobCollector collector, FileCommits commits, RepoAccess access, FilesProperties limits) {
        this.collector = collector;
        this.commits = commits;
        this.access = access;
        this.limits = limits;
    }

    /** The request as the controller hands it over: nothing of the body has been read. */
    record UploadRequest(Map<String, String> query, String contentType, long contentLength, InputStream body) {
    }

    private record Staged(Repo repo, List<CommitResult.FileInfo> files) {
    }

    CommitResult upload(UploadRequest request, CurrentUser user) throws IOException {
        long maxRequest = limits.maxRequestSize().toBytes();
        if (request.contentLength() > maxRequest) {
            throw new TooLargeException("the upload is larger than the limit of " + FilesProperties.describe(maxRequest));
        }
        MultipartReader reader = new MultipartReader(new RequestBodyStream(request.body(), maxRequest),
                boundary(request.contentType()), BlobStore.BUFFER_SIZE);
        UploadForm form = new UploadForm(request.query());
        try (BlobWriter writer = collector.writer()) {
            Staged staged = readParts(reader, form, user, writer);
            List<Edit> edits = staged.files().stream().map(f -> Edit.put(f.path(), f.sha256(), f.size())).toList();
            return commits.commit(staged.repo(), form.branch(), user, form.message(staged.files().size()), form.parentCommit(),
                    edits, writer, staged.files());
        }
    }

    private Staged readParts(MultipartReader reader, UploadForm form, CurrentUser user, BlobWriter writer) throws IOException {
        Repo repo = null;
        List<CommitResult.FileInfo> files = new ArrayList<>();
        Set<RepoPath> seen = new HashSet<>();
        long pathBytes = 0;
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            if (!part.isFile()) {
                form.field(part.name(), readField(part), repo != null);
            } else if (!part.filename().isEmpty()) {
                if (files.size() >= UploadForm.MAX_FILES) {
                    throw new TooLargeException("an upload holds at most " + UploadForm.MAX_FILES
                            + " files; send more in further uploads");
                }
                repo = repo != null ? repo : access.writable(form.type(), form.name(), user);
                CommitResult.FileInfo file = store(part, form.folder(), seen, writer);
                pathBytes += file.path().getBytes(StandardCharsets.UTF_8).length;
                if (pathBytes > UploadForm.MAX_PATH_BYTES) {
                    throw new TooLargeException("the paths of one upload's files hold at most "
                            + FilesProperties.describe(UploadForm.MAX_PATH_BYTES) + " of UTF-8 together; send more in further uploads");
                }
                files.add(file);
            }
        }
        if (files.isEmpty()) {
            throw new BadRequestException("file is required: send at least one file part");
        }
        return new Staged(repo, files);
    }

    private CommitResult.FileInfo store(MultipartReader.Part part, RepoPath folder, Set<RepoPath> seen, BlobWriter writer) throws IOException {
        RepoPath path = folder.resolve(RepoPath.of(part.filename()));
        if (!seen.add(path)) {
            throw new BadRequestException("file " + path + " appears twice in the upload");
        }
        long max = limits.maxFileSize().toBytes();
        try {
            BlobWriter.StoredBlob blob = writer.store(part.body(), max);
            return new CommitResult.FileInfo(path.toString(), blob.size(), blob.sha256());
        } catch (BlobTooLargeException e) {
            throw new TooLargeException("a file is larger than the limit of " + FilesProperties.describe(max));
        }
    }

    private static String readField(MultipartReader.Part part) throws IOException {
        byte[] value = part.body().readNBytes(UploadForm.MAX_FIELD_BYTES + 1);
        if (value.length > UploadForm.MAX_FIELD_BYTES) {
            throw new BadRequestException("form field " + part.name() + " is too long");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static String boundary(String contentType) {
        try {
            String boundary = MediaType.parseMediaType(contentType).getParameter("boundary");
            if (boundary != null && boundary.length() > 1 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
                boundary = boundary.substring(1, boundary.length() - 1);
            }
            if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
                throw new BadRequestException("the multipart content type has no valid boundary");
            }
            return boundary;
        } catch (InvalidMediaTypeException e) {
            throw new BadRequestException("content type is not valid");
        }
    }
}
