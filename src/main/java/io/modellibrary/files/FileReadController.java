package io.modellibrary.files;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.Envelope;
import io.modellibrary.common.SeedStatus;
import io.modellibrary.files.FileViews.BlobView;
import io.modellibrary.files.FileViews.FileDiff;
import io.modellibrary.files.FileViews.FilesTable;
import io.modellibrary.files.FileViews.History;
import io.modellibrary.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/** Browsing a repository's files: folder tables, single files, downloads, history and diffs. */
@RestController
@Tag(name = "Files", description = "Browse, read and download a repository's files")
class FileReadController {

    private final FileReads reads;
    private final DownloadService downloads;

    FileReadController(FileReads reads, DownloadService downloads) {
        this.reads = reads;
        this.downloads = downloads;
    }

    @GetMapping("/api/filesTable")
    @SeedStatus
    @Operation(summary = "The files and folders of a folder at a revision",
            description = "Folders first, then files, each by name. `path` is the folder (default the root), "
                    + "`revision` `main` (default) or a commit id. A missing or invisible repository answers code 0 `no such item`.")
    Envelope<FilesTable> filesTable(@RequestParam @NotBlank @Size(max = 200) String name,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(required = false) @Size(max = 1100) String path,
                                    @RequestParam(required = false) @Size(max = 64) String revision,
                                    @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(new FilesTable(reads.table(RepoType.parse(type), name, path, revision, user)));
    }

    @GetMapping("/api/getBlob")
    @Operation(summary = "One file's metadata, and its text when it is UTF-8 text up to 1 MB",
            description = "`filepath` = `/<type>/<url-encoded name>/blob/<revision>/<path>`.")
    Envelope<BlobView> blob(@RequestParam @NotBlank @Size(max = 1500) String filepath,
                            @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(reads.blob(filepath, user));
    }

    @RequestMapping(path = FileLinks.DOWNLOAD_PATH, method = {RequestMethod.GET, RequestMethod.HEAD})
    @Operation(summary = "Download a file (Range, ETag, If-None-Match, If-Range supported)")
    void download(@RequestParam @NotBlank @Size(max = 200) String name,
                  @RequestParam(required = false) String type,
                  @RequestParam @NotBlank @Size(max = 1100) String path,
                  @RequestParam(required = false) @Size(max = 64) String revision,
                  @AuthenticationPrincipal CurrentUser user,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        downloads.download(RepoType.parse(type), name, path, revision, user, request, response);
    }

    @GetMapping("/api/commits")
    @Operation(summary = "The commit history, newest first",
            description = "From `revision` (default `main`) back; page on by passing the last commit's `parent` as `revision`.")
    Envelope<History> commits(@RequestParam @NotBlank @Size(max = 200) String name,
                              @RequestParam(required = false) String type,
                              @RequestParam(required = false) @Size(max = 64) String revision,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                              @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(new History(reads.history(RepoType.parse(type), name, revision, limit, user)));
    }

    /** The commit whose changes to show; {@code commitId} and {@code id} are accepted for {@code commit}. */
    record DiffRequest(@NotBlank @Size(max = 200) String name,
                       @Size(max = 20) String type,
                       @NotBlank @Size(max = 64) @JsonAlias({"commitId", "id"}) String commit) {
    }

    @PostMapping("/api/getPrevAndNewFile")
    @Operation(summary = "The files a commit changed, before and after",
            description = "Body `{name, type, commit}`. Text up to 1 MB comes in `prevData`/`newData`; an added file has "
                    + "no `oldFileName` and empty `prevData`, a deleted one no `newFileName` and empty `newData`.")
    Envelope<List<FileDiff>> diffPost(@Valid @RequestBody DiffRequest body, @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(reads.diff(RepoType.parse(body.type()), body.name(), body.commit(), user));
    }

    @GetMapping("/api/getPrevAndNewFile")
    @Operation(summary = "The same as the POST, with query parameters")
    Envelope<List<FileDiff>> diffGet(@RequestParam @NotBlank @Size(max = 200) String name,
                                     @RequestParam(required = false) String type,
                                     @RequestParam @NotBlank @Size(max = 64) String commit,
                                     @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(reads.diff(RepoType.parse(type), name, commit, user));
    }
}
