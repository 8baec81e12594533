package io.modellibrary.hub;

import org.springframework.http.HttpStatus;

/**
 * A Hub route's refusal, answered by {@link HubExceptionHandler} as the Hugging Face Hub does:
 * {@code {"error": "<message>"}} with {@code X-Error-Message: <message>} and, when {@link #code()}
 * is set, {@code X-Error-Code: <code>}. {@code huggingface_hub/utils/_http.py hf_raise_for_status}
 * turns the code into {@code RepositoryNotFoundError}, {@code RevisionNotFoundError} or
 * {@code RemoteEntryNotFoundError}; {@code @huggingface/hub lib/file-download-info.ts} needs
 * {@code 404} + {@code EntryNotFound} to say "no such file".
 *
 * @param status     the HTTP status
 * @param code       one of the {@code *_NOT_FOUND} codes, or null
 * @param repoCommit the commit the revision resolved to, sent as {@code X-Repo-Commit} (an
 *                   {@code EntryNotFound} carries it so that HH caches "known missing" under it); or null
 */
public class HubException extends RuntimeException {

    /** The repository does not exist, or the caller may not see it (the same answer, byte for byte). */
    public static final String REPO_NOT_FOUND = "RepoNotFound";
    /** The repository exists; the revision names no commit. */
    public static final String REVISION_NOT_FOUND = "RevisionNotFound";
    /** The repository and revision exist; no file or folder at the path. */
    public static final String ENTRY_NOT_FOUND = "EntryNotFound";
    /** The one message for a missing or hidden repository (never says which). */
    public static final String REPO_NOT_FOUND_MESSAGE = "Repository not found";

    private final HttpStatus status;
    private final String code;
    private final String repoCommit;

    public HubException(HttpStatus status, String code, String message, String repoCommit) {
        super(message);
        this.status = status;
        this.code = code;
        this.repoCommit = repoCommit;
    }

    /** 404 {@code RepoNotFound} "Repository not found": the same for a missing and a hidden repository. */
    public static HubException repoNotFound() {
        return new HubException(HttpStatus.NOT_FOUND, REPO_NOT_FOUND, REPO_NOT_FOUND_MESSAGE, null);
    }

    /** 404 {@code RepoNotFound} "Spaces are not supported by this server": any Space, by any route. */
    public static HubException spacesNotSupported() {
        return new HubException(HttpStatus.NOT_FOUND, REPO_NOT_FOUND, "Spaces are not supported by this server", null);
    }

    /** 404 {@code RevisionNotFound} with the engine's message ({@code no such revision: x}). */
    public static HubException revisionNotFound(String message) {
        return new HubException(HttpStatus.NOT_FOUND, REVISION_NOT_FOUND, message, null);
    }

    /** 404 {@code EntryNotFound} for {@code path}, with {@code X-Repo-Commit} when {@code commit} is not null. */
    public static HubException entryNotFound(String path, String commit) {
        return new HubException(HttpStatus.NOT_FOUND, ENTRY_NOT_FOUND, "Entry not found: " + path, commit);
    }

    /** 400 without a code. */
    public static HubException badRequest(String message) {
        return new HubException(HttpStatus.BAD_REQUEST, null, message, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String repoCommit() {
        return repoCommit;
    }
}
