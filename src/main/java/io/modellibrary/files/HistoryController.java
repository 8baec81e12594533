package io.modellibrary.files;

import io.modellibrary.catalog.RepoName;
import io.modellibrary.content.CommitMessages;
import io.modellibrary.content.CommitResult;
import com.fasterxml.jackson.annotation.JsonAlias;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;
import io.modellibrary.common.Envelope;
import io.modellibrary.common.ParametersFromJsonBody;
import io.modellibrary.files.HistoryViews.Comparison;
import io.modellibrary.files.HistoryViews.Log;
import io.modellibrary.files.HistoryViews.RefList;
import io.modellibrary.files.HistoryViews.RefView;
import io.modellibrary.content.HistoryWrites;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.versioning.RefName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/** A repository's history: the log, branches and tags, comparisons, restores, and the client's commit view. */
@RestController
@Tag(name = "History", description = "Commits, branches and tags, comparisons and restores")
class HistoryController {

    private final HistoryReads reads;
    private final HistoryWrites writes;
    private final PrevAndNewFile commitView;

    HistoryController(HistoryReads reads, HistoryWrites writes, PrevAndNewFile commitView) {
        this.reads = reads;
        this.writes = writes;
        this.commitView = commitView;
    }

    @ParametersFromJsonBody
    @GetMapping("/api/commits")
    @Operation(summary = "The commit log, newest first, 30 a page", description = HistoryDocs.LOG)
    @ApiResponse(responseCode = "200", description = "a page of commits",
            content = @Content(examples = @ExampleObject(value = HistoryDocs.LOG_EXAMPLE)))
    Envelope<Log> log(@Parameter(description = FileDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                      @Parameter(description = FileDocs.TYPE) @RequestParam(required = false) String type,
                      @Parameter(description = "the newest commit: " + FileDocs.REVISION)
                      @RequestParam(required = false) @RefName String revision,
                      @Parameter(description = "only the commits that changed this file or folder")
                      @RequestParam(required = false) @Size(max = 1100) String path,
                      @Parameter(description = "the page, from 1") @RequestParam(defaultValue = "1") @Min(1) int pageIndex,
                      @Parameter(description = "commits per page, 1 to 200 (default 30)")
                      @RequestParam(defaultValue = "30") @Min(1) @Max(200) int limit,
                      @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(reads.log(RepoType.parse(type), name, revision, path, pageIndex, limit, user));
    }

    @ParametersFromJsonBody
    @GetMapping("/api/commits/diff")
    @Operation(summary = "The files that differ between two revisions", description = HistoryDocs.COMPARE)
    @ApiResponse(responseCode = "200", description = "the files that differ",
            content = @Content(examples = @ExampleObject(value = HistoryDocs.COMPARE_EXAMPLE)))
    Envelope<Comparison> compare(@Parameter(description = FileDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                                 @Parameter(description = FileDocs.TYPE) @RequestParam(required = false) String type,
                                 @Parameter(description = "the older revision (default: `to`'s parent)")
                                 @RequestParam(required = false) @RefName String from,
                                 @Parameter(description = "the newer revision (default `main`)")
                                 @RequestParam(required = false) @RefName String to,
                                 @Parameter(description = "the `cursor` of the previous page, when it was not `complete`")
                                 @RequestParam(required = false) @Size(max = 4200) String cursor,
                                 @AuthenticationPrincipal CurrentUser user) throws IOException {
        return Envelope.ok(reads.compare(RepoType.parse(type), name, from, to, cursor, user));
    }

    record RestoreRequest(@NotBlank @RepoName String name,
                          @Size(max = 20) String type,
                          @NotBlank @RefName String revision,
                          @Size(max = 1100) String path,
                          @Size(max = CommitMessages.MAX_LENGTH) String message,
                          @RefName String branch) {
    }

    @PostMapping("/api/commits/restore")
    @Operation(summary = "Restore a file, a folder or everything as it was at a revision, as one new commit",
            description = HistoryDocs.RESTORE)
    @ApiResponse(responseCode = "200", description = "the commit made (or the unmoved head) and the files it changed",
            content = @Content(examples = @ExampleObject(value = HistoryDocs.RESTORE_EXAMPLE)))
    Envelope<CommitResult> restore(@Valid @RequestBody RestoreRequest body, @AuthenticationPrincipal CurrentUser user)
            throws IOException {
        return Envelope.ok(writes.restore(RepoType.parse(body.type()), body.name(), body.revision(), body.path(),
                body.message(), body.branch(), user));
    }

    @ParametersFromJsonBody
    @GetMapping("/api/refs")
    @Operation(summary = "The branches and tags with the commits they point at", description = HistoryDocs.REFS)
    @ApiResponse(responseCode = "200", description = "the branches and tags",
            content = @Content(examples = @ExampleObject(value = HistoryDocs.REFS_EXAMPLE)))
    Envelope<RefList> refs(@Parameter(description = FileDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                           @Parameter(description = FileDocs.TYPE) @RequestParam(required = false) String type,
                           @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(reads.refs(RepoType.parse(type), name, user));
    }

    record RefRequest(@NotBlank @RepoName String name,
                      @Size(max = 20) String type,
                      @NotBlank @Size(max = 10) String ref,
                      @NotBlank @RefName String refName,
                      @RefName String revision) {
    }

    @PostMapping("/api/refs")
    @Operation(summary = "Create a branch or a tag at a revision", description = HistoryDocs.CREATE_REF)
    @ApiResponse(responseCode = "200", description = "the branch or tag made",
            content = @Content(examples = @ExampleObject(value = HistoryDocs.REF_EXAMPLE)))
    Envelope<RefView> createRef(@Valid @RequestBody RefRequest body, @AuthenticationPrincipal CurrentUser user) {
        return Envelope.ok(RefView.of(writes.createRef(RepoType.parse(body.type()), body.name(), body.ref(), body.refName(),
                body.revision(), user)));
    }

    @ParametersFromJsonBody
    @DeleteMapping("/api/refs")
    @Operation(summary = "Delete a branch or a tag (never main); its commits stay readable by id")
    @ApiResponse(responseCode = "200", description = "deleted; `data` is null",
            content = @Content(examples = @ExampleObject(value = HistoryDocs.DELETED_EXAMPLE)))
    Envelope<Void> deleteRef(@Parameter(description = FileDocs.NAME) @RequestParam @NotBlank @RepoName String name,
                             @Parameter(description = FileDocs.TYPE) @RequestParam(required = false) String type,
                             @Parameter(description = "branch or tag") @RequestParam @NotBlank @Size(max = 10) String ref,
                             @Parameter(description = "its name") @RequestParam @NotBlank @RefName String refName,
                             @AuthenticationPrincipal CurrentUser user) {
        writes.deleteRef(RepoType.parse(type), name, ref, refName, user);
        return Envelope.ok(null);
    }

    /** The commit to show; {@code commitId} and {@code id} are accepted for {@code commit}. */
    record DiffRequest(@NotBlank @RepoName String name,
                       @Size(max = 20) String type,
                       @RefName @JsonAlias({"commitId", "id"}) String commit,
                       @Min(1) Integer page) {
    }

    /**
     * Two forms, as {@link PrevAndNewFile} explains: a bare JSON string answers a bare list, an
     * object the envelope. The body is read here as text so that either parses.
     */
    @PostMapping("/api/getPrevAndNewFile")
    @Operation(summary = "The files a commit changed, before and after", description = HistoryDocs.PREV_AND_NEW)
    @ApiResponse(responseCode = "200", description = "one entry per changed file",
            content = @Content(examples = @ExampleObject(value = FileDocs.DIFF_EXAMPLE)))
    Object prevAndNewFile(@RequestBody(required = false) String body, @AuthenticationPrincipal CurrentUser user)
            throws IOException {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("request body is required: a repository name or {name, type, commit}");
        }
        return commitView.answer(body, user);
    }
}
