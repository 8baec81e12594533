package io.modellibrary.files;

import io.modellibrary.catalog.RepoName;
import io.modellibrary.content.CommitMessages;
import io.modellibrary.content.CommitResult;
import io.modellibrary.content.FileEdits;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.Envelope;
import io.modellibrary.common.ParametersFromJsonBody;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.RefName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

/** Changing a repository's files; every change is one commit on {@code main} or the {@code branch} named. */
@RestController
@Tag(name = "Files")
class FileWriteController {

    static final String UPLOAD_PATH = "/api/files";

    private final UploadService uploads;
    private final FileEdits edits;

    FileWriteController(UploadService uploads, FileEdits edits) {
        this.uploads = uploads;
        this.edits = edits;
    }

    /**
     * Takes the raw request on purpose: the body is streamed by {@link UploadService}, so
     * nothing here may read parameters (that would make the container buffer the body).
     */
    @PostMapping(path = UPLOAD_PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload files as one commit", description = FileDocs.UPLOAD,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schemaProperties = {
                            @SchemaProperty(name = "message", schema = @Schema(type = "string",
                                    description = "the commit message (default `Upload <n> file(s)`)")),
                            @SchemaProperty(name = "file", array = @ArraySchema(schema = @Schema(type = "string", format = "binary",
                                    description = "a file; its filename is its path under the target folder")))})))
    @Parameter(in = ParameterIn.QUERY, name = "name", schema = @Schema(type = "string"),
            description = FileDocs.NAME + " (or a form field before the files)")
    @Parameter(in = ParameterIn.QUERY, name = "type", schema = @Schema(type = "string"),
            description = FileDocs.TYPE + " (or a form field before the files)")
    @Parameter(in = ParameterIn.QUERY, name = "path", schema = @Schema(type = "string"),
            description = "the target folder, default the root (or a form field before the files)")
    @Parameter(in = ParameterIn.QUERY, name = "parentCommit", schema = @Schema(type = "string"),
            description = FileDocs.PARENT_COMMIT + " (or a form field)")
    @Parameter(in = ParameterIn.QUERY, name = "branch", schema = @Schema(type = "string"),
            description = FileDocs.BRANCH + " (or a form field)")
    @ApiResponse(responseCode = "200", description = "the commit made and the files stored",
            content = @Content(examples = @ExampleObject(value = FileDocs.UPLOAD_EXAMPLE)))
    Envelope<CommitResult> upload(HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) throws IOException {
        UploadService.UploadRequest upload = new UploadService.UploadRequest(QueryString.parse(request.getQueryString()),
                request.getContentType(), request.getContentLengthLong(), request.getInputStream());
        return Envelope.ok(uploads.upload(upload, user));
    }

    record TextFileRequest(@NotBlank @RepoName String name,
                           @Size(max = 20) String type,
                           @NotBlank @Size(max = 1100) String path,
                           @NotNull String content,
                           @Size(max = CommitMessages.MAX_LENGTH) String message,
                           @Size(max = 64) String parentCommit,
                           @RefName String branch) {
    }

    @PutMapping(path = UPLOAD_PATH + "/text", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or replace a UTF-8 text file of up to 1 MB as one commit", description = FileDocs.TEXT)
    @ApiResponse(responseCode = "200", description = "the commit made and the file written",
            content = @Content(examples = @ExampleObject(value = FileDocs.TEXT_EXAMPLE)))
    Envelope<CommitResult> writeText(@Valid @RequestBody TextFileRequest body, @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(edits.writeText(RepoType.parse(body.type()), body.name(), body.path(), body.content(), body.message(),
                body.parentCommit(), body.branch(), user));
    }

    @ParametersFromJsonBody
    @DeleteMapping(UPLOAD_PATH)
    @Operation(summary = "Delete a file, or a folder with everything in it, as one commit", description = FileDocs.DELETE)
    @ApiResponse(responseCode = "200", description = "the commit made and the files removed",
            content = @Content(examples = @ExampleObject(value = FileDocs.DELETE_EXAMPLE)))
    Envelope<CommitResult> delete(@Parameter(description = FileDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                                  @Parameter(description = FileDocs.TYPE) @RequestParam(required = false) String type,
                                  @Parameter(description = "the file or folder, such as weights/model.bin")
                                  @RequestParam @NotBlank @Size(max = 1100) String path,
                                  @Parameter(description = "the commit message (default `Delete <path>`)")
                                  @RequestParam(required = false) @Size(max = CommitMessages.MAX_LENGTH) String message,
                                  @Parameter(description = FileDocs.PARENT_COMMIT)
                                  @RequestParam(required = false) @Size(max = 64) String parentCommit,
                                  @Parameter(description = FileDocs.BRANCH)
                                  @RequestParam(required = false) @RefName String branch,
                                  @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(edits.delete(RepoType.parse(type), name, path, message, parentCommit, branch, user));
    }
}
