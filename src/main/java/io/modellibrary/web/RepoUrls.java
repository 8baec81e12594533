package io.modellibrary.web;

import io.modellibrary.catalog.RepoType;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;

/**
 * The page and download URLs of one repository, at the Hub's places: {@code /{namespace}/{name}}
 * for a model, {@code /datasets/{namespace}/{name}} for a dataset, then {@code /tree/{rev}/{path}},
 * {@code /blob/...}, {@code /commits/{rev}[/{path}]}, {@code /commit/{id}}, {@code /upload/{branch}},
 * the change pages ({@code /edit/{rev}/{path}}, {@code /new/{rev}/{folder}}, {@code /delete/{rev}/{path}},
 * {@code /restore/{rev}}, {@code /compare/{a}...{b}}, {@code /refs}, {@code /settings}, {@code /like}) and
 * the Hub's own {@code /resolve/{rev}/{path}} downloads. Every segment is percent-encoded.
 *
 * @param type the repository's type
 * @param name its full name, {@code namespace/name}
 */
record RepoUrls(RepoType type, String name) {

    /** The repository's page. */
    String home() {
        StringBuilder url = new StringBuilder(type == RepoType.DATASET ? "/datasets" : "");
        for (String segment : name.split("/")) {
            url.append('/').append(segment(segment));
        }
        return url.toString();
    }

    String tree(String revision, String path) {
        return home() + "/tree/" + segment(revision) + (path == null || path.isEmpty() ? "" : "/" + path(path));
    }

    String blob(String revision, String path) {
        return home() + "/blob/" + segment(revision) + "/" + path(path);
    }

    String resolve(String revision, String path) {
        return home() + "/resolve/" + segment(revision) + "/" + path(path);
    }

    /** The Git LFS batch API of the repository ({@code {home}.git/info/lfs/objects/batch}), where the upload page sends its large files. */
    String lfsBatch() {
        return home() + ".git/info/lfs/objects/batch";
    }

    String commits(String revision) {
        return home() + "/commits/" + segment(revision);
    }

    String commit(String id) {
        return home() + "/commit/" + segment(id);
    }

    /** The history of {@code path} (a file or folder; "" for everything) from {@code revision}. */
    String commits(String revision, String path) {
        return commits(revision) + (path == null || path.isEmpty() ? "" : "/" + path(path));
    }

    String edit(String revision, String path) {
        return home() + "/edit/" + segment(revision) + "/" + path(path);
    }

    /** The new-file form, in {@code folder} ("" for the root). */
    String newFile(String revision, String folder) {
        return home() + "/new/" + segment(revision) + (folder == null || folder.isEmpty() ? "" : "/" + path(folder));
    }

    String delete(String revision, String path) {
        return home() + "/delete/" + segment(revision) + "/" + path(path);
    }

    String restore(String revision) {
        return home() + "/restore/" + segment(revision);
    }

    /** The confirmation page restoring one file or folder as at {@code revision}: {@code /restore/{revision}?path=}. */
    String restore(String revision, String path) {
        return restore(revision) + "?path=" + UriUtils.encodeQueryParam(path, StandardCharsets.UTF_8);
    }

    /**
     * The confirmation page restoring one file as it was before commit {@code before}, that is as at its parent
     * {@code parent}: {@code /restore/{parent}?path=&before=} (the page then names {@code before}, W18).
     */
    String restoreBefore(String parent, String path, String before) {
        return restore(parent, path) + "&before=" + UriUtils.encodeQueryParam(before, StandardCharsets.UTF_8);
    }

    /** {@code /compare/{from}...{to}}, GitHub's form; each revision percent-encoded as a path (a branch may hold {@code /}). */
    String compare(String from, String to) {
        return home() + "/compare/" + path(from) + "..." + path(to);
    }

    String refs() {
        return home() + "/refs";
    }

    String settings() {
        return home() + "/settings";
    }

    String like() {
        return home() + "/like";
    }

    String upload(String branch) {
        return home() + "/upload/" + segment(branch);
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    /** A {@code /}-separated path, each segment percent-encoded. */
    static String path(String path) {
        return UriUtils.encodePath(path, StandardCharsets.UTF_8).replace(";", "%3B");
    }
}
