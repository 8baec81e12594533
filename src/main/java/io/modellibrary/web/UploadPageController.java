package io.modellibrary.web;

import io.modellibrary.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upload page ({@code .../upload/{branch}}) and its form's target. The form works without
 * script (a multipart POST answered by a redirect to the folder); the page's script sends the
 * same form by XMLHttpRequest for progress and cancelling, and gets JSON back. The body is never
 * parsed by the container ({@link StreamedUploadFilter}): the CSRF token comes in the query string
 * or the {@code X-XSRF-TOKEN} header.
 */
@Controller
class UploadPageController {

    /** Sent by the page's script: answer JSON instead of a redirect. */
    static final String SCRIPTED = "X-Requested-With";

    private final WebUploads uploads;
    private final RepoPages pages;
    private final PageRepos lookup;

    UploadPageController(WebUploads uploads, RepoPages pages, PageRepos lookup) {
        this.uploads = uploads;
        this.pages = pages;
        this.lookup = lookup;
    }

    @GetMapping({WebPaths.MODEL + "/upload/{branch}", WebPaths.DATASET + "/upload/{branch}",
            WebPaths.BARE_MODEL + "/upload/{branch}", WebPaths.BARE_DATASET + "/upload/{branch}"})
    String form(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String branch,
                HttpServletRequest request, @AuthenticationPrincipal CurrentUser user, Model model) {
        if (user == null) {
            lookup.redirectIfRenamed(RepoPageController.type(request), WebPaths.repoName(namespace, name), null);
            return "redirect:" + AccountPageController.signInFor(request);
        }
        model.addAttribute("page", uploads.page(RepoPageController.type(request), WebPaths.repoName(namespace, name), WebPaths.branch(branch), user, pages));
        return "upload";
    }

    /** Takes the raw request: the body is streamed by {@link WebUploads}. */
    @PostMapping({WebPaths.MODEL + "/upload/{branch}", WebPaths.DATASET + "/upload/{branch}",
            WebPaths.BARE_MODEL + "/upload/{branch}", WebPaths.BARE_DATASET + "/upload/{branch}"})
    ResponseEntity<Object> upload(@PathVariable(required = false) String namespace, @PathVariable String name, @PathVariable String branch,
                                  HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) throws IOException {
        if (user == null) {
            return ResponseEntity.status(303).location(URI.create(AccountPageController.signInFor(request))).build();
        }
        var type = RepoPageController.type(request);
        WebUploads.Result result = uploads.upload(type, WebPaths.repoName(namespace, name), WebPaths.branch(branch), user,
                request.getHeader(HttpHeaders.CONTENT_TYPE), request.getContentLengthLong(), request.getInputStream());
        String folder = new RepoUrls(type, result.repoName()).tree(branch, "");
        if (request.getHeader(SCRIPTED) != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("commit", result.commit().commit() == null ? null : result.commit().commit().id());
            body.put("changed", result.commit().changed());
            body.put("files", result.commit().files().size());
            body.put("location", folder);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return ResponseEntity.status(303).location(URI.create(folder)).build();
    }
}
