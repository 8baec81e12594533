package io.modellibrary.hub;

import io.modellibrary.versioning.Versions;

/**
 * A revision as a Hub URL carries it, decoded ({@code huggingface_hub} sends
 * {@code quote(revision, safe="")}, so {@code refs/heads/dev} arrives as {@code refs%2Fheads%2Fdev}):
 * a branch, a tag, a full or short commit id, {@code refs/heads/x}, {@code refs/tags/x}, or
 * {@code HEAD} for the default branch ({@code @huggingface/hub lib/model-info.ts} asks
 * {@code revision/HEAD}). Pull requests ({@code refs/pr/N}) do not exist here: 400.
 */
public final class HubRevision {

    /** The default branch. */
    public static final String DEFAULT_BRANCH = Versions.MAIN;
    private static final int MAX_LENGTH = 256;

    private HubRevision() {
    }

    /**
     * The revision for {@code content.RepoAccess}: {@code main} for null, blank or {@code HEAD}.
     *
     * @throws HubException 400 for {@code refs/pr/...} ("pull requests are not supported"), 404
     *                      {@code RevisionNotFound} for one longer than 256 characters
     */
    public static String parse(String raw) {
        if (raw == null || raw.isBlank() || raw.equals("HEAD")) {
            return DEFAULT_BRANCH;
        }
        if (raw.startsWith("refs/pr/")) {
            throw HubException.badRequest("pull requests are not supported by this server: " + raw);
        }
        if (raw.length() > MAX_LENGTH) {
            throw HubException.revisionNotFound("no such revision: " + raw.substring(0, 40) + "...");
        }
        return raw;
    }
}
