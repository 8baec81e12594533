package io.modellibrary.files;

import io.modellibrary.content.CommitMessages;
import io.modellibrary.content.RepoPath;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.common.BadRequestException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The plain fields of an upload, from the query string or from form fields. The fields
 * that choose the repository and folder ({@code name}, {@code type}, {@code path}) must
 * come before the first file part, so that permission is checked before any byte is
 * stored; {@code message}, {@code parentCommit} and {@code branch} may come anywhere. No other field is accepted, and each at most
 * once, so what the form keeps before the permission check stays small.
 */
final class UploadForm {

    static final int MAX_FIELD_BYTES = 64 * 1024;
    /**
     * Files in one upload: the upload keeps one entry per file in memory until its commit
     * (a path, its sha256 and size: about 200 bytes for a short path), so 100,000 short
     * paths take about 20 MB of heap; {@link #MAX_PATH_BYTES} bounds long ones. Commits
     * themselves have no such ceiling (their trees and change lists are paged documents).
     */
    static final int MAX_FILES = 100_000;
    /** The paths of one upload's files together, in bytes of UTF-8 (the heap they hold until the commit). */
    static final long MAX_PATH_BYTES = 32L * 1024 * 1024;
    private static final Set<String> TARGET_FIELDS = Set.of("name", "type", "path");
    private static final Set<String> KNOWN_FIELDS = Set.of("name", "type", "path", "message", "parentCommit", "branch");

    private final Map<String, String> fields = new HashMap<>();
    private final Set<String> sent = new HashSet<>();

    UploadForm(Map<String, String> queryParameters) {
        fields.putAll(queryParameters);
    }

    /** Refuses a form field that is not one of the upload's, or that came before. */
    private void accept(String name) {
        if (name == null) {
            throw new BadRequestException("a form field has no name");
        }
        if (!KNOWN_FIELDS.contains(name)) {
            throw new BadRequestException("unknown form field " + name + ": an upload takes name, type, path, message, parentCommit, branch and file parts");
        }
        if (!sent.add(name)) {
            throw new BadRequestException("form field " + name + " appears more than once");
        }
    }

    void field(String name, String value, boolean afterFiles) {
        accept(name);
        if (afterFiles && TARGET_FIELDS.contains(name)) {
            throw new BadRequestException("name, type and path must come before the file parts");
        }
        fields.put(name, value);
    }

    String name() {
        String name = fields.get("name");
        if (name == null || name.isBlank()) {
            throw new BadRequestException("name is required");
        }
        return name;
    }

    RepoType type() {
        return RepoType.parse(fields.get("type"));
    }

    RepoPath folder() {
        return RepoPath.folder(fields.get("path"));
    }

    /** The head the upload was based on, or null. */
    String parentCommit() {
        String parent = fields.get("parentCommit");
        return parent == null || parent.isBlank() ? null : parent.strip();
    }

    /** The branch to commit on, or null for {@code main}. */
    String branch() {
        String branch = fields.get("branch");
        return branch == null || branch.isBlank() ? null : branch.strip();
    }

    String message(int files) {
        String message = fields.get("message");
        if (message != null && message.length() > CommitMessages.MAX_LENGTH) {
            throw new BadRequestException("message is longer than " + CommitMessages.MAX_LENGTH + " characters");
        }
        if (message != null && !message.isBlank()) {
            return message.strip();
        }
        return files == 1 ? "Upload 1 file" : "Upload " + files + " files";
    }
}
