package io.modellibrary.hub;

/**
 * The Hub's own response headers, as {@code huggingface_hub/constants.py} names them
 * ({@code HUGGINGFACE_HEADER_X_REPO_COMMIT}, {@code HUGGINGFACE_HEADER_X_LINKED_ETAG},
 * {@code HUGGINGFACE_HEADER_X_LINKED_SIZE}) and {@code utils/_http.py} reads them. Never
 * {@code X-Xet-*}: those switch the clients to the Xet protocol.
 */
public final class HubHeaders {

    /** The 40-hex commit a revision resolved to. */
    public static final String REPO_COMMIT = "X-Repo-Commit";
    /** A file's Hub etag (sha256 for an LFS-sized file, git blob sha1 otherwise), quoted. */
    public static final String LINKED_ETAG = "X-Linked-Etag";
    /** A file's full size in bytes. */
    public static final String LINKED_SIZE = "X-Linked-Size";
    /** {@code RepoNotFound}, {@code RevisionNotFound}, {@code EntryNotFound} ({@link HubException}). */
    public static final String ERROR_CODE = "X-Error-Code";
    /** The error's message, also in the body's {@code error}. */
    public static final String ERROR_MESSAGE = "X-Error-Message";

    private HubHeaders() {
    }

    /** The message as a header value: printable ASCII only (others become {@code ?}), at most 500 characters. */
    static String headerSafe(String message) {
        StringBuilder out = new StringBuilder();
        String text = message == null ? "" : message;
        for (int i = 0; i < text.length() && out.length() < 500; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
