package io.modellibrary.hub;

import io.modellibrary.common.LfsRoutes;
import io.modellibrary.common.RequestPaths;
import io.modellibrary.common.RequestUrls;
import io.modellibrary.content.LfsObjects;
import io.modellibrary.security.CurrentUser;
import io.modellibrary.transfer.DownloadResponder;
import io.modellibrary.transfer.RequestBodyStream;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Git LFS over the Hub's URLs (docs/hub-api.md §5.2): the batch API at
 * {@code /{prefix}{id}.git/info/lfs/objects/batch} (upload and download), the signed transfer URLs it
 * hands out under {@code /api/lfs/...} ({@link LfsTransfers}: PUT uploads, GET downloads), and {@code /{id}.git/info/refs} (also without
 * {@code .git}, with git's {@code service} parameter), which answers that git clone and push are not supported. Errors in the LFS form ({@link LfsErrors}).
 *
 * <p>Upload bodies are read from the request's input stream here, never through request
 * parameters (which could make the container read a form body): the signed fields come from
 * the raw query string.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class LfsController extends LfsErrors {

    private static final String BATCH = "/info/lfs/objects/batch";
    /** A path variable's pattern for a first segment that is not {@code api} ({@link #gitRefsWithoutSuffix}). */
    private static final String NOT_API = "(?!api$).+";

    private final LfsTransfers transfers;

    LfsController(LfsTransfers transfers) {
        this.transfers = transfers;
    }

    /** The batch request (git-lfs {@code docs/api/batch.md}; HH {@code lfs.py post_lfs_batch_info}). */
    record BatchRequest(@Size(max = 20) String operation, List<String> transfers,
                        @Valid @Size(max = LfsTransfers.MAX_OBJECTS) List<LfsTransfers.LfsObject> objects,
                        @Size(max = 20) String hash_algo, Map<String, Object> ref) {
    }

    /** The multipart completion body (HH {@code _get_completion_payload}, HJ {@code ApiLfsCompleteMultipartRequest}). */
    record CompletionRequest(String oid, List<LfsObjects.Part> parts) {
    }

    /** The verify body (HH {@code lfs_upload}). */
    record VerifyRequest(String oid, Long size) {
    }

    @PostMapping(path = {"/{namespace}/{name:.+}.git" + BATCH, "/{name:.+}.git" + BATCH,
            "/datasets/{namespace}/{name:.+}.git" + BATCH, "/datasets/{name:.+}.git" + BATCH},
            produces = LFS_JSON)
    @Operation(summary = "Git LFS batch API (upload: a write token; download: anyone who may read the repository)")
    @ApiResponse(responseCode = "200", description = "where to upload each object (no actions: already stored), or where to download each (per-object error 404: not in this repository)", content = @Content(mediaType = LFS_JSON, examples = @ExampleObject(value = HubDocs.BATCH_EXAMPLE)))
    ResponseEntity<LfsTransfers.BatchAnswer> batch(@Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                                   @Parameter(description = HubDocs.LFS_NAME) @PathVariable String name,
                                                   @RequestBody BatchRequest body, HttpServletRequest request,
                                                   @AuthenticationPrincipal CurrentUser user) {
        boolean datasets = RequestPaths.inApp(request).startsWith("/datasets/")
                && !(namespace == null && "datasets".equals(name));
        HubRepoId id = HubRepoId.ofPage(datasets, namespace, name);
        LfsTransfers.BatchAnswer answer = transfers.batch(id, body.operation(), body.transfers(), body.hash_algo(),
                body.objects(), endpoint(), user);
        return ResponseEntity.ok().header("Content-Type", LFS_JSON).body(answer);
    }

    @GetMapping("/api/lfs/{repoId}/{oid}")
    @Operation(summary = "Git LFS download (signed URL from a download batch answer): the object's bytes (Range, ETag)")
    @ApiResponse(responseCode = "200", description = "the object's bytes (206: the asked range)", content = @Content(mediaType = "application/octet-stream", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "403", description = "a bad or expired signature (404: the repository no longer references the object)", content = @Content(mediaType = LFS_JSON, examples = @ExampleObject(value = HubDocs.BAD_SIGNATURE_EXAMPLE)))
    void download(@Parameter(description = HubDocs.REPO_ID) @PathVariable String repoId, @Parameter(description = HubDocs.OID) @PathVariable String oid,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        Signed s = Signed.of(request);
        DownloadResponder.respond(transfers.download(repoId, oid, s.size, s.exp, s.sig), request, response, () -> { });
    }

    @PutMapping("/api/lfs/{repoId}/{oid}")
    @Operation(summary = "Git LFS basic upload (signed URL from the batch answer)")
    @ApiResponse(responseCode = "200", description = "stored", content = @Content(mediaType = LFS_JSON, examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    ResponseEntity<Map<String, Object>> put(@Parameter(description = HubDocs.REPO_ID) @PathVariable String repoId, @Parameter(description = HubDocs.OID) @PathVariable String oid,
                                            HttpServletRequest request) throws IOException {
        Signed s = Signed.of(request);
        transfers.put(repoId, oid, s.size, s.exp, s.sig, new RequestBodyStream(request.getInputStream(), s.size));
        return ResponseEntity.ok().header("Content-Type", LFS_JSON).body(Map.of());
    }

    @PutMapping("/api/lfs/{repoId}/{oid}/part/{part}")
    @Operation(summary = "Git LFS multipart upload: one part (signed URL); answers its ETag")
    @ApiResponse(responseCode = "200", description = "stored; the part's ETag in the ETag header", content = @Content(mediaType = LFS_JSON, examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    ResponseEntity<Map<String, Object>> putPart(@Parameter(description = HubDocs.REPO_ID) @PathVariable String repoId, @Parameter(description = HubDocs.OID) @PathVariable String oid,
                                                @Parameter(description = HubDocs.PART) @PathVariable int part,
                                                HttpServletRequest request) throws IOException {
        Signed s = Signed.of(request);
        String etag = transfers.putPart(repoId, oid, s.size, s.exp, part, s.sig,
                new RequestBodyStream(request.getInputStream(), transfers.partSize()));
        return ResponseEntity.ok().eTag("\"" + etag + "\"").header("Content-Type", LFS_JSON).body(Map.of());
    }

    @PostMapping("/api/lfs/{repoId}/{oid}/complete")
    @Operation(summary = "Git LFS multipart upload: completion (signed URL)")
    @ApiResponse(responseCode = "200", description = "the object is stored", content = @Content(mediaType = LFS_JSON, examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    ResponseEntity<Map<String, Object>> complete(@Parameter(description = HubDocs.REPO_ID) @PathVariable String repoId, @Parameter(description = HubDocs.OID) @PathVariable String oid,
                                                 @RequestBody CompletionRequest body, HttpServletRequest request) throws IOException {
        Signed s = Signed.of(request);
        transfers.complete(repoId, oid, s.size, s.exp, s.sig, body.oid(), body.parts());
        return ResponseEntity.ok().header("Content-Type", LFS_JSON).body(Map.of());
    }

    @PostMapping("/api/lfs/{repoId}/{oid}/verify")
    @Operation(summary = "Git LFS verify action (signed URL): 200 when the object is stored")
    @ApiResponse(responseCode = "200", description = "the object is stored", content = @Content(mediaType = LFS_JSON, examples = @ExampleObject(value = HubDocs.EMPTY_EXAMPLE)))
    ResponseEntity<Map<String, Object>> verify(@Parameter(description = HubDocs.REPO_ID) @PathVariable String repoId, @Parameter(description = HubDocs.OID) @PathVariable String oid,
                                               @RequestBody(required = false) VerifyRequest body, HttpServletRequest request) {
        Signed s = Signed.of(request);
        transfers.verify(repoId, oid, s.size, s.exp, s.sig, body == null ? null : body.oid(), body == null ? null : body.size());
        return ResponseEntity.ok().header("Content-Type", LFS_JSON).body(Map.of());
    }

    /**
     * {@code git clone} / {@code git push} (smart HTTP discovery, {@code GET .../info/refs?service=git-upload-pack}):
     * always 404, the same for every name, with the reason as {@code text/plain}, the only error body git
     * shows its user ("remote: ..."; git's {@code http.c show_http_message}); an LFS-JSON body was printed as
     * a bare "repository not found". The reason is also in {@code X-Error-Message}, as the Hub clients read it.
     */
    @GetMapping({"/{namespace}/{name:.+}.git/info/refs", "/{name:.+}.git/info/refs",
            "/datasets/{namespace}/{name:.+}.git/info/refs"})
    @Operation(summary = "git clone/push: not supported (404)")
    @ApiResponse(responseCode = "default", description = "always 404: git clone and push are not supported", content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, examples = @ExampleObject(value = HubDocs.GIT_UNSUPPORTED)))
    @ApiResponse(responseCode = "400", description = "an address the server refuses (as on every Git LFS route)", content = @Content(mediaType = LFS_JSON, examples = @ExampleObject(value = HubDocs.BAD_ADDRESS_EXAMPLE)))
    ResponseEntity<String> gitRefs(@Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                   @Parameter(description = HubDocs.LFS_NAME) @PathVariable String name) {
        return gitUnsupported();
    }

    /**
     * The same discovery request for a URL without {@code .git} ({@code git clone http://host/alice/bert}, as
     * huggingface.co allows): git asks {@code /alice/bert/info/refs?service=git-upload-pack}. Answered as
     * {@link #gitRefs}, for every name. Only with the {@code service} parameter (git's smart HTTP always sends it):
     * {@code /{name}/info/refs} without it stays the branches page of a repository {@code {name}/info}, which this
     * mapping outranks when the parameter is there (one path variable against two); the bare dataset's form
     * is listed for the same reason, beside the dataset pages' {@code /datasets/{namespace}/{name}/refs}. A first segment
     * {@code api} is never a namespace here: {@code /api/models/info/refs} is the Hub's refs of a model {@code info}.
     * Security and the error forms know the request by {@link LfsRoutes#isGitDiscovery}.
     */
    @GetMapping(path = {"/{namespace:" + NOT_API + "}/{name}/info/refs", "/{name:" + NOT_API + "}/info/refs",
            "/datasets/{namespace}/{name}/info/refs", "/datasets/{name}/info/refs"}, params = "service")
    @Operation(summary = "git clone/push without .git in the URL: not supported (404)")
    @Parameter(name = "service", in = ParameterIn.QUERY, required = true, description = HubDocs.GIT_SERVICE,
            schema = @Schema(type = "string", example = "git-upload-pack"))
    @ApiResponse(responseCode = "default", description = "always 404: git clone and push are not supported", content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, examples = @ExampleObject(value = HubDocs.GIT_UNSUPPORTED)))
    @ApiResponse(responseCode = "400", description = "an address the server refuses (as on every Git LFS route)", content = @Content(mediaType = LFS_JSON, examples = @ExampleObject(value = HubDocs.BAD_ADDRESS_EXAMPLE)))
    ResponseEntity<String> gitRefsWithoutSuffix(@Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
                                                @Parameter(description = HubDocs.NAME) @PathVariable String name) {
        return gitUnsupported();
    }

    /** 404 {@code text/plain}, the reason in the body and in {@code X-Error-Message}. */
    private static ResponseEntity<String> gitUnsupported() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header("X-Error-Message", HubDocs.GIT_UNSUPPORTED).body(HubDocs.GIT_UNSUPPORTED + "\n");
    }

    /** The signed fields of a transfer URL, from the raw query string. */
    private record Signed(long size, long exp, String sig) {
        static Signed of(HttpServletRequest request) {
            var query = UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams();
            try {
                return new Signed(Long.parseLong(query.getFirst("size")), Long.parseLong(query.getFirst("exp")),
                        query.getFirst("sig"));
            } catch (NumberFormatException e) {
                throw new LfsException(HttpStatus.FORBIDDEN, "invalid transfer URL");
            }
        }
    }

    private static String endpoint() {
        return RequestUrls.base();
    }
}
