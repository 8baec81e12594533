package io.modellibrary.hub;

import io.modellibrary.common.BadRequestException;
import io.modellibrary.content.UrlRevisions;
import io.modellibrary.versioning.NoSuchRevisionException;

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
     * ({@link UrlRevisions#parse}, which the web pages use too), with its refusals in the Hub's form.
     *
     * @throws HubException 400 for {@code refs/pr/...} ("pull requests are not supported"), 404
     *                      {@code RevisionNotFound} for one longer than 256 characters
     */
    public static String parse(String raw) {
        try {
            return UrlRevisions.parse(raw);
        } catch (BadRequestException e) {
            throw HubException.badRequest(e.getMessage());
        } catch (NoSuchRevisionException e) {
            throw HubException.revisionNotFound(e.getMessage());
        }
    }
}
