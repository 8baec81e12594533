package io.modellibrary.hub;

import io.modellibrary.content.UrlRevisions;

/**
 * A revision as a Hub URL carries it, decoded ({@code huggingface_hub} sends
 * {@code quote(revision, safe="")}, so {@code refs/heads/dev} arrives as {@code refs%2Fheads%2Fdev}):
 * a branch, a tag, a full or short commit id, {@code refs/heads/x}, {@code refs/tags/x}, or
 * {@code HEAD} for the default branch ({@code @huggingface/hub lib/model-info.ts} asks
 * {@code revision/HEAD}). Pull requests ({@code refs/pr/N}) do not exist here: 400.
 */
public final class HubRevision {

    /** The default branch. */
    public static final String DEFAULT_BRANCH = UrlRevisions.DEFAULT_BRANCH;

    private HubRevision() {
    }

    /**
     * The revision for {@code content.RepoAccess}: {@code main} for null, blank or {@code HEAD}
     * ({@link UrlRevisions#parse}, which the web pages use too).
     *
     * @throws io.modellibrary.common.BadRequestException 400 for {@code refs/pr/...} ("pull requests are not supported")
     * @throws io.modellibrary.versioning.NoSuchRevisionException 404 {@code RevisionNotFound} for one longer than 256 characters
     */
    public static String parse(String raw) {
        return UrlRevisions.parse(raw);
    }
}
