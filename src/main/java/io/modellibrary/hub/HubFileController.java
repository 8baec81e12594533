package io.modellibrary.hub;

import io.modellibrary.security.CurrentUser;
import io.modellibrary.transfer.DownloadResponder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * {@code GET|HEAD /{prefix}{id}/resolve/{rev}/{path}} and {@code /raw/}: a file's bytes, served in
 * place (never redirected) by the zero-copy responder, with the headers the clients require
 * ({@code huggingface_hub file_download.py get_hf_file_metadata}, {@code @huggingface/hub
 * lib/file-download-info.ts}, {@code utils/WebBlob.ts}): {@code X-Repo-Commit} (40 hex),
 * {@code ETag} and {@code X-Linked-Etag} (quoted sha256 for an LFS file, git blob sha1 otherwise),
 * {@code X-Linked-Size}, {@code Content-Length}, {@code Accept-Ranges: bytes}, {@code Content-Range}
 * on a 206. {@code {prefix}} is empty for models and {@code datasets/} for datasets; {@code {rev}} may
 * be URL-encoded ({@code refs%2Fheads%2Fdev}). Errors: 404 {@code RepoNotFound}, {@code RevisionNotFound},
 * {@code EntryNotFound} (with {@code X-Repo-Commit}); 416 for a range outside the file.
 */
@RestController
@Tag(name = "Hugging Face Hub")
class HubFileController {

    private final HubDownloads downloads;

    HubFileController(HubDownloads downloads) {
        this.downloads = downloads;
    }

    @RequestMapping(path = {"/{namespace}/{name}/resolve/{revision}/{*path}", "/{name}/resolve/{revision}/{*path}",
            "/{namespace}/{name}/raw/{revision}/{*path}", "/{name}/raw/{revision}/{*path}"},
            method = {RequestMethod.GET, RequestMethod.HEAD})
    @Operation(summary = "Download a model's file as the Hub does (Range, ETag, X-Repo-Commit, X-Linked-Etag, X-Linked-Size)")
    @ApiResponse(responseCode = "200", description = HubDocs.FILE, content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")))
    void model(@Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace, @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable String revision,
               @Parameter(description = HubDocs.PATH) @PathVariable String path, @AuthenticationPrincipal CurrentUser user,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(HubRepoId.ofPage(false, namespace, name), revision, path, user, request, response);
    }

    @RequestMapping(path = {"/datasets/{namespace}/{name}/resolve/{revision}/{*path}", "/datasets/{name}/resolve/{revision}/{*path}",
            "/datasets/{namespace}/{name}/raw/{revision}/{*path}", "/datasets/{name}/raw/{revision}/{*path}"},
            method = {RequestMethod.GET, RequestMethod.HEAD})
    @Operation(summary = "Download a dataset's file as the Hub does")
    @ApiResponse(responseCode = "200", description = HubDocs.FILE, content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")))
    void dataset(@Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace, @Parameter(description = HubDocs.NAME) @PathVariable String name, @Parameter(description = HubDocs.REVISION) @PathVariable String revision,
                 @Parameter(description = HubDocs.PATH) @PathVariable String path, @AuthenticationPrincipal CurrentUser user,
                 HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(HubRepoId.ofPage(true, namespace, name), revision, path, user, request, response);
    }

    /**
     * A Space's file URL ({@code hf_hub_download(repo_type="space")}): Spaces are not supported, so
     * 404 {@code RepoNotFound} "Spaces are not supported by this server" in the Hub's form, as
     * {@code /api/spaces/...} answers, rather than an unknown path's answer.
     *
     * @throws HubException always
     */
    @RequestMapping(path = {"/spaces/{namespace}/{name}/resolve/{revision}/{*path}", "/spaces/{name}/resolve/{revision}/{*path}",
            "/spaces/{namespace}/{name}/raw/{revision}/{*path}", "/spaces/{name}/raw/{revision}/{*path}"},
            method = {RequestMethod.GET, RequestMethod.HEAD})
    @Operation(summary = "A Space's file: 404, Spaces are not supported")
    @ApiResponse(responseCode = "default", description = "always 404 RepoNotFound: Spaces are not supported",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = HubDocs.SPACES_EXAMPLE)))
    void space(@Parameter(description = HubDocs.NAMESPACE) @PathVariable(required = false) String namespace,
               @Parameter(description = HubDocs.NAME) @PathVariable String name) {
        throw HubException.spacesNotSupported();
    }

    private void send(HubRepoId id, String revision, String path, CurrentUser user,
                      HttpServletRequest request, HttpServletResponse response) throws IOException {
        HubDownloads.HubFile file = downloads.file(id, revision, path.startsWith("/") ? path.substring(1) : path, user);
        response.setHeader(HubHeaders.REPO_COMMIT, file.commit());
        response.setHeader(HubHeaders.LINKED_ETAG, file.etag());
        response.setHeader(HubHeaders.LINKED_SIZE, Long.toString(file.blob().size()));
        String client = request.getRemoteAddr();
        DownloadResponder.respond(file.blob(), file.etag(), request, response,
                () -> downloads.recordDownload(file.blob(), client));
    }
}
