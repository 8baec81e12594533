package io.modellibrary.hub;

import io.modellibrary.content.Uploads;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.transfer.RequestBodyStream;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/{repoType}s/{id}/preupload/{rev}} and {@code POST /api/{repoType}s/{id}/commit/{rev}}
 * (docs/hub-api.md §5.1, §5.3; {@code huggingface_hub _commit_api.py _fetch_upload_modes},
 * {@code hf_api.py create_commit}; {@code @huggingface/hub lib/commit.ts}). Pull requests
 * ({@code create_pr=1}, {@code refs/pr/N}) are refused with 400. Both need write on the repository.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubUploadController {

    private static final String ID = "/api/{repoType:models|datasets|spaces}/{namespace}/{name}";
    private static final String BARE = "/api/{repoType:models|datasets|spaces}/{name}";

    private final HubUploads uploads;
    private final Uploads limits;

    HubUploadController(HubUploads uploads, Uploads limits) {
        this.uploads = uploads;
        this.limits = limits;
    }

    /** The preupload body: HH sends {@code gitIgnore}, HJ {@code gitAttributes} (accepted, not applied). */
    record PreuploadRequest(@Size(max = HubUploads.MAX_PREUPLOAD_FILES) List<HubUploads.PreuploadFile> files,
                            String gitIgnore, String gitAttributes) {
    }

    @PostMapping({ID + "/preupload/{revision}", BARE + "/preupload/{revision}"})
    @Operation(summary = "Which files go by Git LFS (Hub preupload)")
    @ApiResponse(responseCode = "200", description = "the upload mode of each file", content = @Content(examples = @ExampleObject(value = HubDocs.PREUPLOAD_EXAMPLE)))
    Map<String, Object> preupload(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                  @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                  @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable String revision,
                                  @RequestBody PreuploadRequest body, HttpServletRequest request,
                                  @AuthenticationPrincipal CurrentUser user) {
        refusePullRequest(request);
        List<HubUploads.PreuploadAnswer> files = uploads.preupload(HubRepoId.of(type, namespace, name), revision,
                body.files(), user);
        return Map.of("files", files.stream().map(HubUploadController::view).toList());
    }

    @PostMapping({ID + "/commit/{revision}", BARE + "/commit/{revision}"})
    @Operation(summary = "One commit from NDJSON lines (Hub create_commit)")
    @ApiResponse(responseCode = "200", description = "the new commit", content = @Content(examples = @ExampleObject(value = HubDocs.COMMIT_EXAMPLE)))
    Map<String, Object> commit(@Parameter(description = HubDocs.TYPE) @PathVariable("repoType") String type,
                                  @Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                               @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable String revision, HttpServletRequest request,
                               @AuthenticationPrincipal CurrentUser user) throws IOException {
        requireNdjson(request);
        refusePullRequest(request);
        HubRepoId id = HubRepoId.of(type, namespace, name);
        HubUploads.Committed committed = uploads.commit(id, revision,
                new RequestBodyStream(request.getInputStream(), limits.maxRequestBytes()), user);
        Map<String, Object> answer = new HashMap<>();
        answer.put("commitUrl", HubRepoWriteController.url(id.type(), committed.repoName()) + "/commit/" + committed.commitOid());
        answer.put("commitOid", committed.commitOid());
        answer.put("pullRequestUrl", null);
        return answer;
    }

    private static Map<String, Object> view(HubUploads.PreuploadAnswer a) {
        Map<String, Object> view = new HashMap<>();
        view.put("path", a.path());
        view.put("uploadMode", a.uploadMode());
        view.put("shouldIgnore", a.shouldIgnore());
        if (a.oid() != null) {
            view.put("oid", a.oid());
        }
        return view;
    }

    /**
     * The commit's body types: {@code application/x-ndjson}, the one both clients send
     * ({@code huggingface_hub}: {@code hf_api.py create_commit} in 0.36, {@code _commit_api.py _send_commit} in 1.x,
     * {@code "Content-Type": "application/x-ndjson"}; {@code @huggingface/hub lib/commit.ts}: {@code "Content-Type":
     * "application/x-ndjson"}), and {@code application/ndjson}, the name of the NDJSON specification
     * (github.com/ndjson/ndjson-spec). A request without {@code Content-Type} is read as NDJSON too.
     */
    static final List<MediaType> NDJSON_TYPES = List.of(MediaType.parseMediaType("application/x-ndjson"),
            MediaType.parseMediaType("application/ndjson"));

    /**
     * 415 in the Hub's error form for a commit body of any other explicit type ({@link #NDJSON_TYPES}):
     * a {@code text/plain} or {@code image/png} body was read as NDJSON (a probe).
     */
    private static void requireNdjson(HttpServletRequest request) {
        String sent = request.getContentType();
        if (sent == null || sent.isBlank()) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(sent);
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            type = null;
        }
        MediaType parsed = type;
        if (parsed == null || NDJSON_TYPES.stream().noneMatch(t -> t.equalsTypeAndSubtype(parsed))) {
            throw new HubException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "the commit's Content-Type must be "
                    + "application/x-ndjson (one JSON object a line), not " + sent.strip(), null);
        }
    }

    /** {@code ?create_pr=1} (HH, HJ {@code isPullRequest}): 400. Read from the raw query string, never the body. */
    private static void refusePullRequest(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && query.matches("(^|.*&)create_pr=(1|true|True)(&.*|$)")) {
            throw HubException.badRequest("pull requests are not supported by this server");
        }
    }
}
