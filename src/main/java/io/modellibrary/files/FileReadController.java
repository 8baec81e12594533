package io.modellibrary.files;

import io.modellibrary.catalog.RepoName;
import io.modellibrary.content.DownloadService;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.Envelope;
import io.modellibrary.common.ParametersFromJsonBody;
import io.modellibrary.common.SeedStatus;
import io.modellibrary.files.FileViews.BlobView;
import io.modellibrary.files.FileViews.FileDiff;
import io.modellibrary.files.FileViews.FilesTable;
import io.modellibrary.content.ChosenBlob;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.transfer.DownloadResponder;
import io.modellibrary.versioning.RefName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/** Browsing a repository's files: folder tables, single files, downloads, a commit's diff (the log, refs and comparisons: {@link HistoryController}). */
@RestController
@Tag(name = "Files", description = "Browse, read and download a repository's files")
class FileReadController {

    private final FileReads reads;
    private final DownloadService downloads;

    FileReadController(FileReads reads, DownloadService downloads) {
        this.reads = reads;
        this.downloads = downloads;
    }

    @ParametersFromJsonBody
    @GetMapping("/api/filesTable")
    @SeedStatus
    @Operation(summary = "The files and folders of a folder at a revision", description = FileDocs.FILES_TABLE)
    @ApiResponse(responseCode = "200", description = "the folder's entries, or code 0 'no such item'",
            content = @Content(examples = @ExampleObject(value = FileDocs.FILES_TABLE_EXAMPLE)))
    Envelope<FilesTable> filesTable(@Parameter(description = FileDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                                    @Parameter(description = FileDocs.TYPE) @RequestParam(required = false) String type,
                                    @Parameter(description = "the folder, such as weights (default the root)")
                                    @RequestParam(required = false) @Size(max = 1100) String path,
                                    @Parameter(description = FileDocs.REVISION) @RequestParam(required = false) @RefName String revision,
                                    @Parameter(description = FileDocs.CURSOR) @RequestParam(required = false) @Size(max = 4200) String cursor,
                                    @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(reads.table(RepoType.parse(type), name, path, revision, cursor, user));
    }

    @ParametersFromJsonBody
    @GetMapping("/api/getBlob")
    @Operation(summary = "One file's metadata, and its text when it is UTF-8 text up to 1 MB", description = FileDocs.BLOB)
    @ApiResponse(responseCode = "200", description = "the file's metadata and text",
            content = @Content(examples = @ExampleObject(value = FileDocs.BLOB_EXAMPLE)))
    Envelope<BlobView> blob(@Parameter(description = "/<type>/<url-encoded name>/blob/<revision>/<path>, such as "
                                    + "/model/alice%2Ftiny-bert/blob/main/README.md")
                            @RequestParam @NotBlank @Size(max = 1500) String filepath,
                            @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(reads.blob(filepath, user));
    }

    @ParametersFromJsonBody
    @RequestMapping(path = FileLinks.DOWNLOAD_PATH, method = {RequestMethod.GET, RequestMethod.HEAD})
    @Operation(summary = "Download a file (Range, ETag, If-None-Match, If-Range supported)", description = FileDocs.DOWNLOAD)
    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.RANGE, description = FileDocs.RANGE, schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_NONE_MATCH, description = FileDocs.IF_NONE_MATCH, schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_RANGE, description = FileDocs.IF_RANGE, schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = FileDocs.DOWNLOAD_200,
            headers = {@Header(name = HttpHeaders.ETAG, description = FileDocs.ETAG),
                    @Header(name = HttpHeaders.ACCEPT_RANGES, description = "bytes"),
                    @Header(name = HttpHeaders.CONTENT_LENGTH, description = "the file's size in bytes"),
                    @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = "attachment with the file's name")},
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "206", description = FileDocs.DOWNLOAD_206,
            headers = {@Header(name = HttpHeaders.ETAG, description = FileDocs.ETAG),
                    @Header(name = HttpHeaders.CONTENT_RANGE, description = "the range sent and the file's size, such as bytes 0-1023/4096"),
                    @Header(name = HttpHeaders.CONTENT_LENGTH, description = "the range's length in bytes")},
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "If-None-Match matched the ETag; no body",
            headers = @Header(name = HttpHeaders.ETAG, description = FileDocs.ETAG))
    @ApiResponse(responseCode = "416", description = "the Range lies outside the file; Content-Range gives its size",
            headers = @Header(name = HttpHeaders.CONTENT_RANGE, description = "bytes */<size>"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = @ExampleObject(value = FileDocs.RANGE_NOT_SATISFIABLE)))
    void download(@Parameter(description = FileDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                  @Parameter(description = FileDocs.TYPE) @RequestParam(required = false) String type,
                  @Parameter(description = "the file's path in the repository, such as weights/model.bin")
                  @RequestParam @NotBlank @Size(max = 1100) String path,
                  @Parameter(description = FileDocs.REVISION) @RequestParam(required = false) @RefName String revision,
                  @AuthenticationPrincipal CurrentUser user,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        ChosenBlob file = downloads.choose(RepoType.parse(type), name, revision, path, user);
        DownloadResponder.respond(file, request, response, () -> downloads.recordDownload(file));
    }

    @ParametersFromJsonBody
    @GetMapping("/api/getPrevAndNewFile")
    @Operation(summary = "The files a commit changed, with query parameters", description = FileDocs.DIFF)
    @ApiResponse(responseCode = "200", description = "one entry per changed file",
            content = @Content(examples = @ExampleObject(value = FileDocs.DIFF_EXAMPLE)))
    Envelope<List<FileDiff>> diffGet(@Parameter(description = FileDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                                     @Parameter(description = FileDocs.TYPE) @RequestParam(required = false) String type,
                                     @Parameter(description = "the commit: " + FileDocs.REVISION) @RequestParam @NotBlank @RefName String commit,
                                     @Parameter(description = FileDocs.CHANGES_PAGE) @RequestParam(defaultValue = "1") @Min(1) int page,
                                     @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(reads.diff(RepoType.parse(type), name, commit, page, user));
    }
}
