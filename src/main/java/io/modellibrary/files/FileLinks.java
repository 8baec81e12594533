package io.modellibrary.files;

import io.modellibrary.catalog.Repo;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** Absolute download URLs for the current request's host (the client may be served elsewhere). */
@Component
class FileLinks {

    static final String DOWNLOAD_PATH = "/api/files/download";

    /**
     * {@code <scheme://host/context>/api/files/download?name=…&type=…&path=…&revision=…}, each
     * value percent-encoded strictly (everything but RFC 3986 §2.3 unreserved characters).
     */
    String download(Repo repo, String revision, String path) {
        return downloads(repo, revision).apply(path);
    }

    /**
     * The download URL of each path of one repository at one revision: the host and the
     * shared query are worked out once (building each URL with UriComponentsBuilder took
     * half of a 1,000-entry filesTable page: bench/scale.sh).
     */
    UnaryOperator<String> downloads(Repo repo, String revision) {
        String start = ServletUriComponentsBuilder.fromCurrentContextPath().path(DOWNLOAD_PATH).build().toUriString()
                + "?name=" + encode(repo.getName()) + "&type=" + encode(repo.getType()) + "&path=";
        String end = "&revision=" + encode(revision);
        return path -> start + encode(path) + end;
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
