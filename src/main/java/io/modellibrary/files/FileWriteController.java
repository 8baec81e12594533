package io.modellibrary.files;

import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.Envelope;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/** Changing a repository's files; every change is one commit on {@code main}. */
@RestController
@Tag(name = "Files")
class FileWriteController {

    static final String UPLOAD_PATH = "/api/files";

    private final UploadService uploads;
    private final EditService edits;

    FileWriteController(UploadService uploads, EditService edits) {
        this.uploads = uploads;
        this.edits = edits;
    }

    /**
     * Takes the raw request on purpose: the body is streamed by {@link UploadService}, so
     * nothing here may read parameters (that would make the container buffer the body).
     */
    @PostMapping(path = UPLOAD_PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload files as one commit",
            description = "multipart/form-data: `name`, `type` (default model), `path` (target folder), `message`, then one "
                    + "or more file parts; a part's filename may hold sub-folders (`weights/part-001.bin`). `name`, `type` "
                    + "and `path` may also be query parameters, and must precede the file parts in the form.")
    Envelope<CommitResult> upload(HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) throws IOException {
        UploadService.UploadRequest upload = new UploadService.UploadRequest(QueryString.parse(request.getQueryString()),
                request.getContentType(), request.getContentLengthLong(), request.getInputStream());
        return Envelope.ok(uploads.upload(upload, user));
    }

    record TextFileRequest(@NotBlank @Size(max = 200) String name,
                           @Size(max = 20) String type,
                           @NotBlank @Size(max = 1100) String path,
                           @NotNull String content,
                           @Size(max = CommitMessages.MAX_LENGTH) String message) {
    }

    @PutMapping(path = UPLOAD_PATH + "/text", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or replace a UTF-8 text file of up to 1 MB as one commit")
    Envelope<CommitResult> writeText(@Valid @RequestBody TextFileRequest body, @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(edits.writeText(RepoType.parse(body.type()), body.name(), body.path(), body.content(), body.message(), user));
    }

    @DeleteMapping(UPLOAD_PATH)
    @Operation(summary = "Delete a file, or a folder with everything in it, as one commit")
    Envelope<CommitResult> delete(@RequestParam @NotBlank @Size(max = 200) String name,
                                  @RequestParam(required = false) String type,
                                  @RequestParam @NotBlank @Size(max = 1100) String path,
                                  @RequestParam(required = false) @Size(max = CommitMessages.MAX_LENGTH) String message,
                                  @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(edits.delete(RepoType.parse(type), name, path, message, user));
    }
}
